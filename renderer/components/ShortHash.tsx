/** A 32-byte hash where a whole one will not fit: its ends shown, all of it on hover and for copying by eye. */
export function ShortHash({ hash }: { hash: string }) {
  return (
    <code title={hash}>
      {hash.slice(0, 10)}…{hash.slice(-4)}
    </code>
  );
}
