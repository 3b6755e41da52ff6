import type { SimulationProgress } from '../core/primitives/simulationTypes.js';
import { describe, expect, it } from 'vitest';
import { ProgressBoard } from './progressBoard.js';

describe('the review progress board', () => {
  const hash = '0x' + 'ab'.repeat(32);

  it("keeps each step of a running review in order, whatever the hash's case, and nothing once it is done", () => {
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

  it('runs one piece of work per transaction at a time, and frees it whether the work ends or fails', async () => {
    const board = new ProgressBoard<string>();
    let release = () => {};
    const first = board.alone(hash, 'already signing', (report) => {
      report('waiting for the device');
      return new Promise<string>((resolve) => (release = () => resolve('signed')));
    });
    expect(board.read(hash)).toEqual(['waiting for the device']);
    await expect(board.alone(hash, 'already signing', async () => 'twice')).rejects.toMatchObject({
      code: 'SIGNING_REFUSED',
      message: 'already signing',
    });
    release();
    expect(await first).toBe('signed');
    expect(board.read(hash)).toBeNull();
    await expect(board.alone(hash, 'busy', () => Promise.reject(new Error('unplugged')))).rejects.toThrow('unplugged');
    expect(board.read(hash)).toBeNull();
  });
});
