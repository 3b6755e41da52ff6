import { Interface, concat, toBeHex } from 'ethers';
import { describe, expect, it } from 'vitest';
import { decodeLog, eventIndex } from './logDecoding.js';

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const erc20 = new Interface(['event Transfer(address indexed from, address indexed to, uint256 value)']);
const erc721 = new Interface(['event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)']);
const named = new Interface([
  'event Named(string indexed label, bytes32 indexed role, uint256[] amounts, string note)',
  'event Entry((address who, uint256 amount) entry, bool on)',
]);
const log = (iface: Interface, name: string, args: unknown[]) => ({
  address: token.toLowerCase(),
  ...iface.encodeEventLog(name, args),
});

describe('decodeLog', () => {
  it('tells ERC-20 and ERC-721 Transfer apart by their topics, though they share the first', () => {
    expect(decodeLog(log(erc20, 'Transfer', [from, to, 1200n]), eventIndex())).toMatchObject({
      address: token,
      name: 'Transfer',
      args: { from, to, value: '1200' },
    });
    expect(decodeLog(log(erc721, 'Transfer', [from, to, 7n]), eventIndex())).toMatchObject({
      name: 'Transfer',
      args: { from, to, tokenId: '7' },
    });
  });

  it('shows an indexed string by the hash its topic holds, and decodes arrays and strings from the data', () => {
    const role = `0x${'12'.repeat(32)}`;
    const encoded = log(named, 'Named', ['guardian', role, [1n, 2n], 'hello']);
    const decoded = decodeLog(encoded, eventIndex([named.formatJson()]));
    expect(decoded).toMatchObject({
      name: 'Named',
      signature: 'Named(string,bytes32,uint256[],string)',
      args: { label: encoded.topics[1], role, amounts: '[1, 2]', note: 'hello' },
    });
    const entry = decodeLog(log(named, 'Entry', [[to, 5n], true]), eventIndex([named.formatJson()]));
    expect(entry).toMatchObject({ name: 'Entry', args: { entry: `[${to}, 5]`, on: 'true' } });
  });

  it('leaves an event it cannot read undecoded, with its raw topics and data: unknown, or too short for its shape', () => {
    const unknown = { address: token, topics: [`0x${'ee'.repeat(32)}`], data: '0x' };
    expect(decodeLog(unknown, eventIndex())).toMatchObject({
      name: null,
      args: null,
      topics: unknown.topics,
      data: '0x',
    });
    const short = { ...log(erc20, 'Transfer', [from, to, 1n]), data: '0x01' };
    expect(decodeLog(short, eventIndex())).toMatchObject({ name: null, args: null, data: '0x01' });
  });

  it('leaves undecoded a log whose data aliases its offsets onto one blob, as hostile calldata is', () => {
    const batch = new Interface(['event Batch(bytes[] payloads)']);
    const word = (x: number) => toBeHex(x, 32);
    const items = 40;
    const data = concat([
      word(32),
      word(items),
      ...Array.from({ length: items }, () => word(items * 32)),
      word(3_000),
      `0x${'00'.repeat(3_008)}`,
    ]);
    // Valid ABI all the same: ethers alone reads its forty copies of the blob.
    expect(batch.decodeEventLog('Batch', data, [batch.getEvent('Batch')!.topicHash])[0]).toHaveLength(items);
    const decoded = decodeLog(
      { address: token, topics: [batch.getEvent('Batch')!.topicHash], data },
      eventIndex([batch.formatJson()]),
    );
    expect(decoded).toMatchObject({ name: null, args: null });
  });
});
