import { GuardianError } from '../core/errors.js';
import {
  watchDevices,
  type DeviceChange,
  type ListPluggedLedgers,
  type PluggedLedger,
} from '../core/ledger/deviceWatcher.js';
import { LEDGER_MODELS } from '../core/ledger/ledgerModels.js';
import type { Response } from '../ipc/contract.js';

export type DeviceStateView = Response<'devices.changed'>;

/** What a guardian must know about this model before signing on it, from the model table (ledgerModels.ts). */
function modelNote(name: string | null): string | null {
  const model = name ? LEDGER_MODELS.find((m) => m.name === name) : undefined;
  if (!model || model.fullFrom !== null) return null;
  return `A ${model.name} signs a Safe transaction in hashed mode only: it shows the domain and message hashes, never the fields. Compare both, character by character.`;
}

/** How long the main process holds a `devices.changed` call with nothing new before answering it unchanged. */
export const DEVICES_HOLD_MS = 20_000;

/**
 * The app's view of the USB bus: one watcher for every window, started by the first question so an app that never
 * shows the Sign screen never lists the bus, and stopped once nobody has asked for a hold time and a half (the
 * Sign screen closed), so the bus is not listed twice a second for the rest of the app's life. Each plug or unplug makes a new generation and answers the calls
 * waiting for one.
 */
export class DeviceWatch {
  private generation = 0;
  private plugged: PluggedLedger[] = [];
  private last: DeviceChange | null = null;
  private listingError: string | null = null;
  private stopWatching: (() => void) | null = null;
  private readonly waiting = new Set<() => void>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly list: ListPluggedLedgers,
    private readonly options: { intervalMs?: number; holdMs?: number } = {},
  ) {}

  view(): DeviceStateView {
    return {
      generation: this.generation,
      devices: this.plugged.map((d) => ({ model: d.model, note: modelNote(d.model) })),
      last: this.last && { type: this.last.type, model: this.last.model },
      listingError: this.listingError,
    };
  }

  /** Answers once the state is newer than `after`, or after the hold time with it as it is. */
  changedAfter(after: number): Promise<DeviceStateView> {
    this.clearIdle();
    this.start();
    if (after > this.generation) after = this.generation;
    if (this.generation > after) {
      if (this.waiting.size === 0) this.stopWhenIdle();
      return Promise.resolve(this.view());
    }
    return new Promise((resolve) => {
      const answer = () => {
        clearTimeout(timer);
        this.waiting.delete(answer);
        if (this.waiting.size === 0) this.stopWhenIdle();
        resolve(this.view());
      };
      const timer = setTimeout(answer, this.options.holdMs ?? DEVICES_HOLD_MS);
      this.waiting.add(answer);
    });
  }

  /** Whether the bus is being listed now. */
  get watching(): boolean {
    return this.stopWatching !== null;
  }

  stop(): void {
    this.clearIdle();
    this.stopWatching?.();
    this.stopWatching = null;
    for (const answer of [...this.waiting]) answer();
  }

  private stopWhenIdle(): void {
    this.clearIdle();
    const holdMs = this.options.holdMs ?? DEVICES_HOLD_MS;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.waiting.size > 0) return;
      this.stopWatching?.();
      this.stopWatching = null;
    }, holdMs * 1.5);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private start(): void {
    if (this.stopWatching) return;
    // Generation 1 is the first listing, whatever it found: a renderer asking with 0 is answered by it.
    // A Ledger already plugged in at that listing is the state, not news: it is not reported as just connected.
    let first = true;
    let initial = true;
    this.stopWatching = watchDevices({
      list: async () => {
        const found = await this.list();
        initial = first;
        if (first || this.listingError !== null) {
          first = false;
          this.listingError = null;
          this.plugged = found;
          this.bump();
        }
        return found;
      },
      onChange: (change, plugged) => {
        this.plugged = plugged;
        if (initial) return;
        this.last = change;
        this.bump();
      },
      onError: (error: GuardianError) => {
        first = false;
        this.listingError = error.message;
        this.plugged = [];
        this.bump();
      },
      ...(this.options.intervalMs ? { intervalMs: this.options.intervalMs } : {}),
    });
  }

  private bump(): void {
    this.generation++;
    for (const answer of [...this.waiting]) answer();
  }
}
