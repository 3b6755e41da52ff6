import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../primitives/multiSendEncoding.js';
import { namedImplementations } from './namedImplementations.js';

const proxy = '0x' + '11'.repeat(20);
const [v2, v3] = ['0x2222222222222222222222222222222222222222', '0x3333333333333333333333333333333333333333'];
const abi = new Interface([
  'function upgradeToAndCall(address,bytes)',
  'function upgradeTo(address)',
  'function upgradeAndCall(address,address,bytes)',
  'function multiSend(bytes)',
  'function pause()',
]);

describe('implementations named by upgrade calldata, before any decoding', () => {
  it('reads the UUPS pair and the ProxyAdmin pair from the right argument', () => {
    expect(namedImplementations({ data: abi.encodeFunctionData('upgradeToAndCall', [v2, '0x1234']) })).toEqual([
      { address: v2, toProxy: true },
    ]);
    expect(namedImplementations({ data: abi.encodeFunctionData('upgradeTo', [v3]) })).toEqual([
      { address: v3, toProxy: true },
    ]);
    expect(namedImplementations({ data: abi.encodeFunctionData('upgradeAndCall', [proxy, v2, '0x']) })).toEqual([
      { address: v2, toProxy: false },
    ]);
  });

  it('finds the upgrades inside a MultiSend batch, each address once', () => {
    const batch = encodeMultiSend([
      { operation: 0, to: proxy, value: 0n, data: abi.encodeFunctionData('pause') },
      { operation: 0, to: proxy, value: 0n, data: abi.encodeFunctionData('upgradeToAndCall', [v2, '0x']) },
      { operation: 0, to: proxy, value: 0n, data: abi.encodeFunctionData('upgradeTo', [v3]) },
      { operation: 0, to: proxy, value: 0n, data: abi.encodeFunctionData('upgradeTo', [v2]) },
      { operation: 0, to: proxy, value: 0n, data: abi.encodeFunctionData('upgradeAndCall', [proxy, v3, '0x']) },
    ]);
    // v3 is also named through a ProxyAdmin: no trace is sure to show its answer.
    expect(namedImplementations({ data: batch })).toEqual([
      { address: v2, toProxy: true },
      { address: v3, toProxy: false },
    ]);
  });

  it('names nothing for other calls, a dirty address word, or a batch that does not decode', () => {
    expect(namedImplementations({ data: abi.encodeFunctionData('pause') })).toEqual([]);
    expect(namedImplementations({ data: '0x' })).toEqual([]);
    const dirty = abi.encodeFunctionData('upgradeTo', [v2]).replace(/^(0x.{8})00/, '$1ff');
    expect(namedImplementations({ data: dirty })).toEqual([]);
    expect(namedImplementations({ data: abi.encodeFunctionData('multiSend', ['0x00' + '11'.repeat(30)]) })).toEqual([]);
    expect(namedImplementations({ data: '0x8d80ff0a' + 'ff'.repeat(7) })).toEqual([]);
  });
});
