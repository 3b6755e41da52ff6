import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { listPluggedLedgers } from '../../core/ledger/usbLedgerListing.js';
import { executeOnDevice } from '../../core/signing/executeOnDevice.js';
import { withStore } from '../cliStore.js';
import type { CliContext, Verb } from '../cliContext.js';
import { parseHttpUrl } from '../parseSafeRef.js';
import { waitingDeviceOpener, type SigningDevices } from '../waitingDeviceOpener.js';

/** The verb with its devices given: USB HID for the command line, a software Ledger in tests. */
export function executeVerbWith(deps: SigningDevices): Verb {
  return { run: (ctx) => runExecute(ctx, deps) };
}

async function runExecute(ctx: CliContext, deps: SigningDevices): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { json: { type: 'boolean' }, path: { type: 'string' }, rpc: { type: 'string' } },
    allowPositionals: true,
  });
  const target = positionals[0];
  if (!target) throw new GuardianError('INVALID_INPUT', 'Give the safeTxHash (or a prefix of it) to execute.');
  return withStore(ctx, async (store) => {
    const device = waitingDeviceOpener(ctx, deps);
    const result = await executeOnDevice({
      store,
      openDevice: device.openDevice,
      safeTxHash: store.getQueueItem(target).safeTxHash,
      ...(values.rpc ? { rpcUrl: parseHttpUrl(values.rpc, '--rpc') } : {}),
      ...(values.path ? { path: values.path } : {}),
      onProgress: (p) =>
        ctx.streams.stderr.write(
          `${p.stage === 'awaiting-approval' ? 'Approve the execution on your Ledger…' : p.stage}\n`,
        ),
    }).finally(() => device.stop());
    if (ctx.out.json) ctx.out.data(result);
    else
      ctx.out.line(
        result.success
          ? ctx.out.good(`Executed in ${result.transactionHash}.`)
          : ctx.out.bad(`Mined in ${result.transactionHash}, but the Safe reported the inner call failed.`),
      );
    return result.success ? 0 : 1;
  });
}

export const executeVerb = executeVerbWith({
  openDevice: (path) => openLedgerDevice(path),
  listDevices: listPluggedLedgers,
});
