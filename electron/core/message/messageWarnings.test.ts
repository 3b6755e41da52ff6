import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { orderTypedData, permit2TypedData } from '../../../test/message/typedDataFixture.js';
import { messageWarnings } from './messageWarnings.js';

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const on = (content: Parameters<typeof messageWarnings>[0]['content'], chainId = 1n) =>
  messageWarnings({ chainId, safe, safeVersion: '1.4.1', content }).map((w) => [w.code, w.severity]);

describe('messageWarnings', () => {
  it("calls a permit and another Safe's transaction critical, an order high, a foreign chain and a bare hash medium", () => {
    expect(on(permit2TypedData(1n, '0x' + '66'.repeat(20)))).toEqual([['MESSAGE_GRANTS_ALLOWANCE', 'critical']]);
    expect(
      on({
        domain: { chainId: 1, verifyingContract: '0x' + '77'.repeat(20) },
        primaryType: 'SafeTx',
        types: { SafeTx: [{ name: 'to', type: 'address' }] },
        message: { to: safe },
      }),
    ).toEqual([['MESSAGE_IS_SAFE_TX', 'critical']]);
    expect(on(orderTypedData(10n, safe))).toEqual([
      ['MESSAGE_TRADE_ORDER', 'high'],
      ['MESSAGE_OTHER_CHAIN', 'medium'],
    ]);
    expect(on('0x' + 'ab'.repeat(32))).toEqual([['MESSAGE_IS_BARE_HASH', 'medium']]);
  });

  it("has nothing to say about plain text, and no chain warning for typed data on the Safe's own chain, decimal or hex", () => {
    expect(on('I approve the report.')).toEqual([]);
    expect(on({ ...orderTypedData(1n, safe), primaryType: 'Order', domain: { chainId: '0x1' } })).toEqual([
      ['MESSAGE_TRADE_ORDER', 'high'],
    ]);
  });
});
