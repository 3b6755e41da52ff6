import { useState } from 'react';
import type { Request, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

type App = Response<'device.check'>;
/** How the Ledger signs, as queue.sign takes it. */
type Mode = Request<'queue.sign'>['mode'];

/** What will go wrong with this device in this mode, before the guardian finds out on the device at 3 a.m. */
function modeWarning(app: App, mode: Mode): string | null {
  if (app.appName !== 'Ethereum') return `The Ledger runs ${app.appName}: open the Ethereum app on it.`;
  if (mode === 'full' && !app.eip712Full)
    return 'This Ledger cannot show EIP-712 fields (a Nano S, or an old Ethereum app): it will sign in hashed mode, showing two hashes to compare.';
  if (mode !== 'full' && !app.blindSigningEnabled)
    return `Blind signing is off on this Ledger, and ${mode === 'hashed' ? 'hashed' : 'eth_sign'} mode needs it: turn it on in the Ethereum app's settings, or sign in full EIP-712.`;
  return null;
}

/** Asks the plugged-in Ledger (in the main process) which app it runs and what it can show, and says what that means for the chosen mode. */
export function DeviceCheck({ mode }: { mode: Mode }) {
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'checking' } | { kind: 'known'; app: App } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const check = () => {
    setState({ kind: 'checking' });
    call('device.check', {})
      .then((app) => setState({ kind: 'known', app }))
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The Ledger did not answer.') }));
  };
  const warning = state.kind === 'known' ? modeWarning(state.app, mode) : null;
  return (
    <div className="device-check" data-testid="device-check">
      <button
        type="button"
        className="copy"
        onClick={check}
        disabled={state.kind === 'checking'}
        data-testid="check-device"
      >
        {state.kind === 'checking' ? 'Asking the Ledger…' : 'Check the Ledger'}
      </button>{' '}
      {state.kind === 'known' ? (
        <span className="muted" data-testid="device-status">
          {state.app.appName} {state.app.version} · blind signing {state.app.blindSigningEnabled ? 'on' : 'off'} ·
          EIP-712 {state.app.eip712Full ? 'full' : state.app.eip712Hashed ? 'hashed only' : 'not supported'}
        </span>
      ) : null}
      {state.kind === 'failed' ? (
        <span className="error" role="alert" data-testid="device-status">
          {state.message}
        </span>
      ) : null}
      {warning ? (
        <p className="warning" data-testid="device-warning">
          {warning}
        </p>
      ) : null}
    </div>
  );
}
