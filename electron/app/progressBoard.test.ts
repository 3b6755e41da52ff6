import type { SimulationProgress } from '../core/simulate/simulationTypes.js';
import { describe, expect, it } from 'vitest';
import { ProgressBoard } from './progressBoard.js';

describe('the review progress board', () => {
  const hash = '0x' + 'ab'.repeat(32);

  it('keeps each step of a running review in order, whatever the hash\'s case, and nothing once it is done', () => {
    const board = new ProgressBoard<SimulationProgress>();
    expect(board.read(hash)).toBeNull();
    board.start(hash.toUpperCase().replace('0X', '0x'));
    board.report(hash, { stage: 'forking', detail: 'starting a local fork at block 7' });
    board.report(hash, { stage: 'tracing', detail: 'execTransaction' });
    expect(board.read(hash)?.map((s) => s.stage)).toEqual(['forking', 'tracing']);
    board.finish(hash);
    expect(board.read(hash)).toBeNull();
  });

  it('ignores reports for a review that is not running, so a late report cannot revive a finished one', () => {
    const board = new ProgressBoard<SimulationProgress>();
    board.report(hash, { stage: 'judging', detail: 'late' });
    expect(board.read(hash)).toBeNull();
  });
});
