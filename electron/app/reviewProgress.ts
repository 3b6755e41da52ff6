import type { SimulationProgress } from '../core/simulate/simulationTypes.js';

/**
 * Where each running review stands, by safeTxHash, for the renderer to ask while it waits: a fork of a remote
 * chain takes seconds, and a guardian under pressure must see that something is happening and what.
 * The renderer asks (an allow-listed invoke channel); the main process never pushes to it.
 */
export class ReviewProgressBoard {
  private readonly running = new Map<string, SimulationProgress[]>();

  start(safeTxHash: string): void {
    this.running.set(safeTxHash.toLowerCase(), []);
  }

  report(safeTxHash: string, progress: SimulationProgress): void {
    this.running.get(safeTxHash.toLowerCase())?.push(progress);
  }

  /** Every step so far, oldest first, or null when no review of this transaction is running. */
  read(safeTxHash: string): SimulationProgress[] | null {
    const steps = this.running.get(safeTxHash.toLowerCase());
    return steps ? [...steps] : null;
  }

  finish(safeTxHash: string): void {
    this.running.delete(safeTxHash.toLowerCase());
  }
}
