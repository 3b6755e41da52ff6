import { Interface, toBeHex } from 'ethers';
import { encodeMultiSend } from '../../electron/core/queue/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { carriedState, loadCarriedState } from '../../electron/core/simulate/replaySimulation.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { signatureOverrides } from '../../electron/core/simulate/simulateSafeTx.js';
import { createSafe, deploySafeContracts } from '../../test/chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../../test/chain/testChain.js';
import { deployProtocol } from '../../test/protocol/deployProtocol.js';

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await time(fn));
  return median(samples);
}

const execIface = new Interface(['function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)']);

function bareTrace(chain: TestChain, tx: SafeTx, owners: string[]): () => Promise<unknown> {
  const { from, signatures, overrides } = signatureOverrides(tx, owners, 2);
  const data = execIface.encodeFunctionData('execTransaction', [tx.to, tx.value, tx.data, tx.operation, tx.safeTxGas, tx.baseGas, tx.gasPrice, tx.gasToken, tx.refundReceiver, signatures]);
  return () => chain.provider.send('debug_traceCall', [{ from, to: tx.safe, data, gas: toBeHex(30_000_000n) }, 'latest', { tracer: 'callTracer', stateOverrides: overrides }]);
}

const chain = await startTestChain();
try {
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  const vault = new Interface(['function pause()', 'function unpause()', 'function upgradeToAndCall(address,bytes)']);
  const v = protocol.addresses['Vault']!;
  const base = { chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n };
  const scenarios: Record<string, SafeTx> = {
    'emergency pause': createSafeTx({ ...base, to: v, data: vault.encodeFunctionData('pause') }),
    'UUPS upgrade': createSafeTx({ ...base, to: v, data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']) }),
    '20-action batch': createSafeTx({
      ...base,
      to: contracts.multiSendCallOnly,
      operation: 1,
      data: encodeMultiSend(Array.from({ length: 20 }, (_, i) => ({ operation: 0 as const, to: v, value: 0n, data: vault.encodeFunctionData(i % 2 === 0 ? 'pause' : 'unpause') }))),
    }),
  };
  const review = (tx: SafeTx, provider = chain.provider) => reviewSafeTx({ provider, tx, owners, threshold: 2, safeNonce: 0n, decodeOptions: { extraMultiSend: [contracts.multiSendCallOnly] } });

  console.log(`Guardian Console bench: median of ${RUNS} runs each, on a local anvil (${new Date().toISOString()})\n`);
  console.log('scenario           review (ms)   bare debug_traceCall (ms)   ratio   replay from carried state (ms)');
  for (const [name, tx] of Object.entries(scenarios)) {
    const reviewMs = await measure(() => review(tx));
    const traceMs = await measure(bareTrace(chain, tx, owners));
    const carried = carriedState((await review(tx)).simulation);
    const replaySamples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const fresh = await startTestChain();
      replaySamples.push(await time(async () => {
        await loadCarriedState(fresh.provider, carried);
        await review(tx, fresh.provider);
      }));
      await fresh.stop();
    }
    console.log(`${name.padEnd(18)} ${reviewMs.toFixed(1).padStart(11)}   ${traceMs.toFixed(1).padStart(25)}   ${(reviewMs / traceMs).toFixed(1).padStart(5)}x   ${median(replaySamples).toFixed(1).padStart(30)}`);
  }
  console.log('\nTargets: a pause reviewed in under 300 ms median; review within 2x of the bare trace.');
} finally {
  await chain.stop();
}
