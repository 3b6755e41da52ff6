/** A critical finding as the acknowledgement lists it: its code, which the signing gate checks, and its title. */
export interface CriticalFinding {
  code: string;
  title: string;
}

/** Whether every critical finding's code is ticked: the sign action stays shut until it is. */
export function acknowledgesAll(criticals: readonly CriticalFinding[], acknowledged: ReadonlySet<string>): boolean {
  return criticals.every((f) => acknowledged.has(f.code));
}

/**
 * One tick per critical finding (by code: two findings of one code are one tick, as the gate counts them), each
 * to be read and ticked before a signature. The main process refuses on its own without them; this is where the
 * guardian gives them. Renders nothing when the review has no critical finding.
 */
export function CriticalAcknowledgement({
  criticals,
  acknowledged,
  onChange,
  legend,
  testId,
}: {
  criticals: readonly CriticalFinding[];
  acknowledged: ReadonlySet<string>;
  onChange: (acknowledged: ReadonlySet<string>) => void;
  legend: string;
  testId: string;
}) {
  const codes = [...new Set(criticals.map((f) => f.code))];
  if (codes.length === 0) return null;
  const toggle = (code: string) =>
    onChange(
      acknowledged.has(code) ? new Set([...acknowledged].filter((c) => c !== code)) : new Set([...acknowledged, code]),
    );
  return (
    <fieldset className="acknowledge">
      <legend>{legend}</legend>
      {codes.map((code) => (
        <label key={code}>
          <input type="checkbox" data-testid={testId} checked={acknowledged.has(code)} onChange={() => toggle(code)} />{' '}
          <code>{code}</code> {criticals.find((f) => f.code === code)?.title}
        </label>
      ))}
    </fieldset>
  );
}
