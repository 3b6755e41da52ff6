import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { HDNodeWallet, Signature, TypedDataEncoder, verifyTypedData } from 'ethers';
import { FULL_EIP712_DOMAIN } from '../../../../test/message/typedDataFixture.js';
import { SoftwareLedger, TEST_MNEMONIC } from './softwareLedger.js';

const require = createRequire(import.meta.url);
type EthType = import('@ledgerhq/hw-app-eth').default;
const Eth = (require('@ledgerhq/hw-app-eth') as { default: new (t: SoftwareLedger, k: string, c: object) => EthType })
  .default;
const OFFLINE = {
  calServiceURL: null,
  cryptoassetsBaseURL: null,
  staticEIP712SignaturesV1: null,
  staticEIP712SignaturesV2: null,
};

// Nested structs, arrays of structs, empty arrays, negative ints, long strings and bytes split over several APDUs.
const mail = {
  domain: { name: 'Mail', version: '2', chainId: 5, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  types: {
    EIP712Domain: FULL_EIP712_DOMAIN,
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallets', type: 'address[]' },
      { name: 'score', type: 'int16' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person[]' },
      { name: 'contents', type: 'string' },
      { name: 'attachment', type: 'bytes' },
      { name: 'tag', type: 'bytes4' },
      { name: 'urgent', type: 'bool' },
    ],
  },
  primaryType: 'Mail',
  message: {
    from: { name: 'Cow', wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826'], score: -5 },
    to: [
      { name: 'Bob', wallets: [], score: 300 },
      {
        name: 'Alice',
        wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC'],
        score: 0,
      },
    ],
    contents: 'Pause the protocol. '.repeat(20),
    attachment: `0x${'ab'.repeat(600)}`,
    tag: '0x01020304',
    urgent: true,
  },
};

describe('software Ledger speaking the Ethereum app protocol to the real hw-app-eth', () => {
  it('rebuilds a streamed EIP-712 message field by field and signs the hash of what it received', async () => {
    const device = new SoftwareLedger();
    const eth = new Eth(device, 'w0w', OFFLINE);
    const path = "44'/60'/0'/0/0";
    const rsv = await eth.signEIP712Message(path, mail);
    const { EIP712Domain: _, ...types } = mail.types;
    const signer = verifyTypedData(
      mail.domain,
      types,
      mail.message,
      Signature.from({ r: `0x${rsv.r}`, s: `0x${rsv.s}`, v: rsv.v }),
    );
    expect(signer).toBe(HDNodeWallet.fromPhrase(TEST_MNEMONIC, undefined, `m/${path}`).address);
    const review = device.reviews.at(-1);
    expect(review?.kind).toBe('eip712-full');
    if (review?.kind !== 'eip712-full') return;
    expect(review.digest).toBe(TypedDataEncoder.hash(mail.domain, types, mail.message));
    expect(review.message.contents).toBe(mail.message.contents);
    expect(review.types.Mail).toEqual(mail.types.Mail);
  });

  it('signs over a different hash when the host streams a different value than the one it claims', async () => {
    const device = new SoftwareLedger();
    const eth = new Eth(device, 'w0w', OFFLINE);
    const altered = { ...mail, message: { ...mail.message, urgent: false } };
    await eth.signEIP712Message("44'/60'/0'/0/0", altered);
    const { EIP712Domain: _, ...types } = mail.types;
    const review = device.reviews.at(-1);
    expect(review?.kind === 'eip712-full' && review.digest).not.toBe(
      TypedDataEncoder.hash(mail.domain, types, mail.message),
    );
  });

  it('answers GET APP AND VERSION as the dashboard when no app is open', async () => {
    const device = new SoftwareLedger({ app: 'dashboard' });
    const response = await device.send(0xb0, 0x01, 0x00, 0x00);
    expect(response.subarray(2, 2 + response[1]!).toString('ascii')).toBe('BOLOS');
    await expect(device.send(0xe0, 0x06, 0x00, 0x00)).rejects.toMatchObject({ statusCode: 0x6e01 });
  });

  it('refuses an EIP-712 field whose announced length does not match its bytes', async () => {
    const device = new SoftwareLedger();
    await device.send(0xe0, 0x1a, 0x00, 0x00, Buffer.from('EIP712Domain'));
    await device.send(0xe0, 0x1a, 0x00, 0xff, Buffer.from([0x03, 17, ...Buffer.from('verifyingContract')]));
    await device.send(0xe0, 0x1c, 0x00, 0x00, Buffer.from('EIP712Domain'));
    await expect(device.send(0xe0, 0x1c, 0x00, 0xff, Buffer.from([0x00, 0x14, 0x01, 0x02]))).rejects.toMatchObject({
      statusCode: 0x6a80,
    });
  });
});
