import type { ReviewView } from '../../../electron/ipc/contract.js';
import { AddressText } from '../../components/Address.js';

/** Events in the order the transaction emitted them; one no known ABI declares is shown as unknown, not hidden. */
export function EventList({ events }: { events: ReviewView['events'] }) {
  if (events.length === 0) return <p className="muted">No events.</p>;
  return (
    <ol className="events" data-testid="events">
      {events.map((e, i) => (
        <li key={i} data-testid="event">
          <strong>{e.name ?? 'unknown event'}</strong>{' '}
          <span className="muted">
            from <AddressText text={e.contract} />
          </span>
          {e.args && Object.keys(e.args).length > 0 && (
            <div className="event-args">
              {Object.entries(e.args).map(([name, value]) => (
                <span key={name}>
                  {name} ={' '}
                  <code>
                    <AddressText text={value} />
                  </code>
                </span>
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
