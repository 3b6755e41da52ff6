import { zeroPadValue, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { decodeTransaction } from '../../electron/core/decode/decodeTransaction.js';
import { safeArtifact } from '../../electron/core/drill/safeArtifacts.js';
import { mappingSlot, SAFE_SLOTS, SENTINEL } from '../../electron/core/primitives/storageSlots.js';
import { staticFindings } from '../../electron/core/risk/staticFindings.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

export type SafeSetUp = (safe: string) => Promise<void>;

export interface ReviewOptions {
  provider?: JsonRpcProvider;
  /** Names the guardian's address book has besides the protocol's (a team guard, a team module). */
  known?: Record<string, string>;
  safeVersion?: string;
}

/** What the guard and module tests act on: Safe 1.4.1's contracts on an anvil, three owners, a review. */
export interface GuardChain {
  chain: TestChain;
  contracts: SafeContracts;
  owners: string[];
  /** A 2-of-3 Safe 1.4.1 owning its own protocol, with `setUp` writing its guard or modules; mined. */
  safeWith(setUp?: SafeSetUp): Promise<string>;
  /** Gives an already created Safe (a 1.5.0 one) its own protocol, as safeWith does; mined. */
  withProtocol(safe: string, setUp?: SafeSetUp): Promise<string>;
  protocolOf(safe: string): Protocol;
  /** A real guard (Safe's published example) nobody registered: what an attacker's guard looks like to the book. */
  newGuard(): Promise<string>;
  /** A module (HiddenModule) nobody registered. */
  newModule(): Promise<string>;
  /** A 1-of-1 module list with `module` in it, written as enableModule would: no transaction of the Safe names it. */
  withModule(module: string): SafeSetUp;
  /** `address` written into one of the Safe's slots, as setGuard (or setModuleGuard) writes its guard. */
  withSlot(slot: string, address: string): SafeSetUp;
  /** A nonce-0 transaction of `safe` (Safe 1.4.1 unless said). */
  tx(safe: string, fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>, safeVersion?: string): SafeTx;
  /** The guardian's address book: the owners, the Safe's protocol and whatever else is `known`. */
  book(safe: string, known?: Record<string, string>): AddressBook;
  /**
   * The recipients of CONTROL_TO_UNKNOWN_ADDRESS that the calldata alone names, decoded and judged with no
   * simulation (lowercase): what a batch's inner calls must carry by themselves.
   */
  strangersInCalldata(
    safe: string,
    fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>,
    options?: ReviewOptions,
  ): string[];
  /** reviewSafeTx of a nonce-0 transaction of `safe`, its protocol and the test MultiSends in the address book. */
  review(safe: string, fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>, options?: ReviewOptions): Promise<Review>;
}

export const byCode = (r: Review, code: string) => r.findings.filter((f) => f.code === code);

/** The simulation's CONTROL_TO_UNKNOWN_ADDRESS findings for one control value ('Safe guard', 'Safe module', ...). */
export const stranger = (r: Review, what: string) =>
  byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS').filter((f) => f.evidence?.['what'] === what);

/**
 * Starts an anvil with Safe 1.4.1 deployed before the file's tests and stops it after them; each test file that
 * calls it has its own chain.
 */
export function onGuardChain(): GuardChain {
  const protocols = new Map<string, Protocol>();
  const deployStranger = async (artifact: Parameters<typeof deployInOrder>[1][number]) => {
    const [deployed] = await deployInOrder(g.chain.wallets[5]!, [artifact]);
    return (await deployed!.getAddress()).toLowerCase();
  };
  const g: GuardChain = {
    chain: undefined as unknown as TestChain,
    contracts: undefined as unknown as SafeContracts,
    owners: [],
    async safeWith(setUp) {
      return g.withProtocol(await createSafe(g.chain, g.contracts, { owners: g.owners, threshold: 2 }), setUp);
    },
    async withProtocol(safe, setUp = async () => {}) {
      protocols.set(safe.toLowerCase(), await deployProtocol(g.chain.wallets[0]!, { safe }));
      await setUp(safe);
      await g.chain.provider.send('evm_mine', []);
      return safe;
    },
    protocolOf(safe) {
      return protocols.get(safe.toLowerCase())!;
    },
    newGuard: () =>
      deployStranger({
        ...safeArtifact('examples/guards/DelegateCallTransactionGuard'),
        args: [g.contracts.multiSendCallOnly],
      }),
    newModule: () => deployStranger({ ...loadArtifact('HiddenModule'), args: [g.chain.wallets[6]!.address] }),
    withModule: (module) => async (safe) => {
      await g.chain.provider.send('anvil_setStorageAt', [
        safe,
        mappingSlot(SENTINEL, SAFE_SLOTS.modules),
        zeroPadValue(module, 32),
      ]);
      await g.chain.provider.send('anvil_setStorageAt', [
        safe,
        mappingSlot(module, SAFE_SLOTS.modules),
        zeroPadValue(SENTINEL, 32),
      ]);
    },
    withSlot: (slot, address) => async (safe) => {
      await g.chain.provider.send('anvil_setStorageAt', [safe, slot, zeroPadValue(address, 32)]);
    },
    tx: (safe, fields, safeVersion = '1.4.1') =>
      createSafeTx({ chainId: g.chain.chainId, safe, safeVersion, nonce: 0n, ...fields }),
    book(safe, known = {}) {
      const book = new AddressBook();
      for (const [name, address] of Object.entries(g.protocolOf(safe).addresses)) book.add(address, name);
      for (const [address, name] of Object.entries(known)) book.add(address, name);
      return book;
    },
    strangersInCalldata(safe, fields, options = {}) {
      const tx = g.tx(safe, fields, options.safeVersion);
      const book = g.book(safe, options.known);
      // As the review's book has them.
      g.owners.forEach((o, i) => book.add(o, `owner ${i + 1}`));
      const extraMultiSend = [g.contracts.multiSend, g.contracts.multiSendCallOnly];
      const decoded = decodeTransaction(tx, { addressBook: book, extraMultiSend });
      return staticFindings({ tx, decoded, book, extraMultiSend })
        .filter((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS')
        .map((f) => String(f.evidence['recipient']).toLowerCase());
    },
    review(safe, fields, options = {}) {
      return reviewSafeTx({
        provider: options.provider ?? g.chain.provider,
        tx: g.tx(safe, fields, options.safeVersion),
        owners: g.owners,
        threshold: 2,
        safeNonce: 0n,
        decodeOptions: {
          addressBook: g.book(safe, options.known),
          extraMultiSend: [g.contracts.multiSend, g.contracts.multiSendCallOnly],
        },
      });
    },
  };
  beforeAll(async () => {
    g.chain = await startTestChain();
    g.contracts = await deploySafeContracts(g.chain);
    g.owners = g.chain.wallets.slice(0, 3).map((w) => w.address);
  });
  afterAll(async () => g.chain?.stop());
  return g;
}
