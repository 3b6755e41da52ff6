/**
 * A duration as a guardian reads it on a queue row: "<1m", "12m", "3h 05m", "2d 4h". Coarse on purpose: the
 * figures come from claimed timestamps, and minutes are the precision an emergency response is judged at.
 */
export function durationWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
