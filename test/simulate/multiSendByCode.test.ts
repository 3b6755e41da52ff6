import { getAddress, hexlify, randomBytes } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialMultiSendByCode } from '../../electron/core/simulate/multiSendByCode.js';
import { deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';

let chain: TestChain;
let contracts: SafeContracts;
const codeAt = (address: string) => chain.provider.getCode(address);

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
});
afterAll(async () => chain?.stop());

describe('an official MultiSend recognised by its code', () => {
  it('recognises MultiSendCallOnly and MultiSend 1.4.1 deployed at addresses safe-deployments does not list', async () => {
    expect(
      officialMultiSendByCode(contracts.multiSendCallOnly, await codeAt(contracts.multiSendCallOnly)),
    ).toMatchObject({ name: 'MultiSendCallOnly', version: '1.4.1' });
    // MultiSend keeps its own address as an immutable: recognised all the same.
    expect(officialMultiSendByCode(contracts.multiSend, await codeAt(contracts.multiSend))).toMatchObject({
      name: 'MultiSend',
      version: '1.4.1',
    });
  });

  it('does not recognise a MultiSend whose immutable points at a third address, nor one byte changed, nor no code', async () => {
    const self = contracts.multiSend.slice(2).toLowerCase();
    const code = (await codeAt(contracts.multiSend)).toLowerCase();
    expect(code.includes(self)).toBe(true);
    const elsewhere = code.split(self).join(hexlify(randomBytes(20)).slice(2));
    expect(officialMultiSendByCode(contracts.multiSend, elsewhere)).toBeNull();
    const tampered = code.slice(0, -2) + (code.endsWith('00') ? '01' : '00');
    expect(officialMultiSendByCode(contracts.multiSend, tampered)).toBeNull();
    expect(officialMultiSendByCode(getAddress('0x' + '77'.repeat(20)), '0x')).toBeNull();
    expect(officialMultiSendByCode(contracts.multiSend, await codeAt(contracts.safeSingleton))).toBeNull();
  });
});
