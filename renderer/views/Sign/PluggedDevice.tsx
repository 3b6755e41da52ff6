import { useEffect, useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

type DeviceState = Response<'devices.changed'>;

/** After a failed call, how long before asking again: the main process may be busy, not gone. */
const RETRY_MS = 2_000;

function describe(state: DeviceState): { text: string; tone: 'good' | 'muted' | 'error' } {
  if (state.listingError) return { text: state.listingError, tone: 'error' };
  const { devices, last } = state;
  if (devices.length > 1)
    return { text: `${devices.length} Ledgers plugged in: unplug all but the one that should sign.`, tone: 'error' };
  if (devices.length === 1) {
    const { model, note } = devices[0]!;
    return {
      text: `Ledger connected${model ? `: ${model}` : ''}${note ? `. ${note}` : ''}`,
      tone: note ? 'muted' : 'good',
    };
  }
  return {
    text: `${last?.type === 'unplugged' ? 'Ledger unplugged. ' : ''}No Ledger plugged in: plug it in with a data cable and unlock it.`,
    tone: 'muted',
  };
}

/**
 * The Ledger on USB as plug and unplug happen: the main process answers devices.changed when the bus changes, and
 * this asks again with what it last saw, so the guardian sees "unplugged" the moment the cable comes out.
 */
export function PluggedDevice() {
  const [state, setState] = useState<DeviceState | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let after = 0;
    void (async () => {
      while (live) {
        try {
          const next = await call('devices.changed', { after });
          if (!live) return;
          after = next.generation;
          setState(next);
          setFailure(null);
        } catch (error) {
          if (!live) return;
          setFailure(failureText(error, 'The console could not look for a Ledger.'));
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  const shown = failure ? { text: failure, tone: 'error' as const } : state ? describe(state) : null;
  return (
    <p className={`plugged-device ${shown?.tone ?? 'muted'}`} role="status" data-testid="plugged-device">
      {shown?.text ?? 'Looking for a Ledger on USB…'}
    </p>
  );
}
