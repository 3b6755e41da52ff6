import type { ReviewView } from '../../../electron/ipc/contract.js';
import { AddressText } from '../../components/Address.js';

type Finding = ReviewView['findings'][number];

/** Every finding, worst first, each with the evidence its rule kept: a guardian checks the claim, not the badge. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return <p className="muted">No findings.</p>;
  return (
    <ol className="findings" aria-label="Findings, worst first">
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`sev-${f.severity}`} data-testid="finding" data-severity={f.severity}>
          <span className={`badge sev-${f.severity}`}>{f.severity}</span>{' '}
          <strong className="finding-title">{f.title}</strong> <code className="muted">{f.code}</code>
          <div className="finding-explanation">
            <AddressText text={f.explanation} />
          </div>
          {f.evidence.length > 0 ? (
            <dl className="evidence" aria-label="Evidence">
              {f.evidence.map((e) => (
                <div key={e.key} style={{ display: 'contents' }}>
                  <dt>{e.key}</dt>
                  <dd>
                    <AddressText text={e.value} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
