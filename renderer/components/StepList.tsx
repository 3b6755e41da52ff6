/** Steps of long work in the main process as they come, the latest in bold; `waiting` until the first arrives. */
export function StepList({
  steps,
  waiting,
}: {
  steps: ReadonlyArray<{ stage: string; detail: string }>;
  waiting: string;
}) {
  if (steps.length === 0) return <p className="muted">{waiting}</p>;
  return (
    <ol className="sign-steps">
      {steps.map((s, i) => (
        <li key={i} className={i === steps.length - 1 ? 'current' : 'done'} data-stage={s.stage}>
          {s.detail}
        </li>
      ))}
    </ol>
  );
}
