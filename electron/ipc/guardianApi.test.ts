import { describe, expect, it } from 'vitest';
import { CHANNELS } from './channels.js';
import { buildGuardianApi } from './guardianApi.js';

describe('window.guardian', () => {
  it('has one method per allow-listed channel, grouped by namespace, each sending its own channel name', async () => {
    const sent: [string, unknown][] = [];
    const api = buildGuardianApi(CHANNELS, async (channel, payload) => {
      sent.push([channel, payload]);
      return { ok: true, value: channel };
    }) as unknown as Record<string, Record<string, (request?: unknown) => Promise<unknown>>>;
    const methods = Object.entries(api).flatMap(([namespace, group]) =>
      Object.keys(group).map((method) => `${namespace}.${method}`),
    );
    expect(methods.sort()).toEqual([...CHANNELS].sort());
    await api['queue']!['list']!({ safe: '0x1' });
    await api['app']!['info']!();
    expect(sent).toEqual([
      ['queue.list', { safe: '0x1' }],
      ['app.info', {}],
    ]);
  });

  it('cannot be changed by the page', () => {
    const api = buildGuardianApi(CHANNELS, async () => ({})) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((group) => Object.isFrozen(group))).toBe(true);
  });

  it('refuses a channel not named namespace.method, which would have no method to call it by', () => {
    for (const bad of ['queue', 'queue.list.all', '.list', 'queue.']) {
      expect(() => buildGuardianApi([bad], async () => ({}))).toThrow(/namespace\.method/);
    }
  });
});
