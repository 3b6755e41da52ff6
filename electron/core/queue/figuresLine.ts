import { durationWords } from './durationWords.js';
import type { ResponseFigures } from './responseFigures.js';

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** "needs 1 more" once the owners are known; a met threshold says so instead of "needs 0 more". */
export function needsWords(figures: ResponseFigures): string | null {
  if (figures.needs === null) return null;
  return figures.needs === 0 ? 'threshold met' : `needs ${figures.needs} more`;
}

/**
 * One line of figures under a queue row: age, what the threshold still needs, and how long each counted
 * signature took. Uncounted ones are named by the row already, so they are not timed here.
 */
export function figuresLine(figures: ResponseFigures): string {
  const timed = figures.confirmations
    .filter((c) => c.status === 'valid')
    .map(
      (c) =>
        `${short(c.owner)} ${c.afterProposalMs === null ? 'at an unknown time' : `after ${durationWords(c.afterProposalMs)}`}`,
    );
  return [
    figures.sinceProposalMs === null
      ? 'proposed at an unknown time'
      : `proposed ${durationWords(figures.sinceProposalMs)} ago`,
    needsWords(figures),
    timed.length > 0 ? `signed: ${timed.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
