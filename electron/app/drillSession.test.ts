import { describe, expect, it } from 'vitest';
import { appBehindGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';
import { BUILT_IN_SCENARIOS } from '../core/drill/builtInScenarios.js';

const stores = tempStores('drill-session');

function gate() {
  const main = appBehindGate({ store: stores.store(), dataDir: stores.dir() });
  return { invoke: main.invoke, main };
}

describe('drill.start and drill.progress', () => {
  it('says no drill has run before one is started, and labels the signer a drill signer even then', async () => {
    const { invoke } = gate();
    expect(await invoke('drill.progress', {})).toMatchObject({
      ok: true,
      value: { state: 'idle', signer: expect.stringContaining('DRILL software signer'), events: [] },
    });
  });

  it('refuses a drill that does not ship, naming the ones that do, and a request with fields it does not know', async () => {
    const { invoke } = gate();
    expect(await invoke('drill.start', { scenario: 'pause-everything' })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('No built-in drill "pause-everything". Built in: emergency-pause,'),
      },
    });
    expect(await invoke('drill.start', { scenario: 'emergency-pause', rpcUrl: 'http://127.0.0.1:8545' })).toMatchObject(
      { ok: false },
    );
    expect(
      await invoke('drill.start', { file: { name: 'x.json', text: '{"format": "guardian-drill-scenario",' } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_FILE', message: expect.stringContaining('x.json') } });
  });

  it('runs one drill at a time: a second start while the first runs is refused, and the first still ends with its report', async () => {
    const { invoke, main } = gate();
    const first = await invoke('drill.start', { scenario: 'emergency-pause' });
    expect(first).toMatchObject({
      ok: true,
      value: { state: 'running', name: BUILT_IN_SCENARIOS['emergency-pause']!.name },
    });
    expect(await invoke('drill.start', { scenario: 'upgrade-fix' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('is still running') },
    });
    await main.drill.settled();
    const done = await invoke('drill.progress', {});
    expect(done).toMatchObject({
      ok: true,
      value: { state: 'done', failure: null, report: { json: expect.stringMatching(/exports\/drill-.*\.json$/) } },
    });
  });
});
