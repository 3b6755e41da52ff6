import { parseArgs } from 'node:util';
import { listLedgerDevices, openLedgerDevice } from '../../core/ledger/devices.js';
import { LedgerEthApp } from '../../core/ledger/ethApp.js';
import type { Verb } from '../cliContext.js';

export const devicesVerb: Verb = {
  async run(ctx) {
    parseArgs({ args: ctx.args, options: { json: { type: 'boolean' } } });
    const paths = await listLedgerDevices();
    const devices = [];
    for (const path of paths) {
      try {
        const transport = await openLedgerDevice(path);
        try {
          devices.push({ path, app: await new LedgerEthApp(transport).appInfo(), error: null });
        } finally {
          await transport.close();
        }
      } catch (error) {
        devices.push({ path, app: null, error: (error as Error).message });
      }
    }
    if (ctx.out.json) ctx.out.data(devices);
    else if (devices.length === 0) ctx.out.line('No Ledger found on USB. Plug it in with a data cable and unlock it.');
    else
      for (const d of devices) {
        ctx.out.fields([
          ['Device', d.path],
          [
            'App',
            d.app
              ? `${d.app.appName} ${d.app.version}, blind signing ${d.app.blindSigningEnabled ? 'on' : 'off'}, EIP-712 ${d.app.eip712Full ? 'full' : d.app.eip712Hashed ? 'hashed only' : 'unsupported'}`
              : ctx.out.bad(d.error ?? ''),
          ],
        ]);
      }
    return 0;
  },
};
