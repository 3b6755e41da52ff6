import { z } from 'zod';
import { SEVERITIES } from '../core/primitives/severity.js';
import { safeTxJsonSchema } from '../core/safe/safeTxJson.js';
import { SIMULATION_STAGES } from '../core/primitives/simulationTypes.js';
import { MAX_JSON_BYTES } from '../core/input/jsonLimits.js';
import type { Channel } from './channels.js';
import { devicesContract } from './devicesContract.js';
import { drillContract } from './drillContract.js';

const empty = z.object({}).strict();
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);
const decimal = z.string().regex(/^[0-9]+$/);

/** A SafeTx going out to the renderer: the same fields as safeTxJsonSchema, already checked, left as strings. */
const safeTxOut = z.object({
  chainId: decimal,
  safe: z.string(),
  safeVersion: z.string(),
  to: z.string(),
  value: decimal,
  data: z.string(),
  operation: z.union([z.literal(0), z.literal(1)]),
  safeTxGas: decimal,
  baseGas: decimal,
  gasPrice: decimal,
  gasToken: z.string(),
  refundReceiver: z.string(),
  nonce: decimal,
});

/** A stored row that does not read back (edited by hand, a bad restore): named by itself, the rest still shown. */
const damagedRow = z.object({ table: z.string(), key: z.string(), reason: z.string() });
export type DamagedRowView = z.infer<typeof damagedRow>;

const watchedSafe = z.object({
  chainId: decimal,
  address: z.string(),
  label: z.string().nullable(),
  serviceUrl: z.string().nullable(),
  rpcUrl: z.string().nullable(),
  owners: z.array(z.string()).nullable(),
  threshold: z.number().nullable(),
  nonce: decimal.nullable(),
  version: z.string().nullable(),
  /** Proposal to execution over its executed transactions kept here (governanceLatency): execution times by block where checked on the chain. */
  latency: z.object({
    executed: z.number().int().nonnegative(),
    measured: z.number().int().nonnegative(),
    checkedOnChain: z.number().int().nonnegative(),
    medianMs: z.number().nonnegative().nullable(),
    p90Ms: z.number().nonnegative().nullable(),
    last: z.array(
      z.object({
        safeTxHash: hex32,
        nonce: decimal,
        executedAt: z.string(),
        executedAtSource: z.enum(['chain', 'service']),
        latencyMs: z.number().nonnegative(),
      }),
    ),
  }),
});

const severity = z.enum(SEVERITIES);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const httpUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const queueEntry = z.object({
  safeTxHash: hex32,
  claimedSafeTxHash: hex32.nullable(),
  hashVerdict: z.enum(['match', 'unclaimed']),
  chainId: decimal,
  safe: z.string(),
  nonce: decimal,
  to: z.string(),
  value: decimal,
  operation: z.union([z.literal(0), z.literal(1)]),
  dataBytes: z.number(),
  /** The decoder's summary; where it could not read the transaction, selector, size and value, and why. */
  description: z.string(),
  /** What the decoder flagged, or null when it could not read the transaction at all. */
  decoding: z
    .object({
      warnings: z.number().int().nonnegative(),
      /** Each warning in the decoder's words, so a badge counting them can say what they are. */
      warningTexts: z.array(z.string()),
      delegatecallToUnknown: z.boolean(),
      ambiguous: z.boolean(),
      truncated: z.boolean(),
    })
    .nullable(),
  source: z.string(),
  /** Each verified again as the list is read: only 'valid' ones count; the others say why they do not. */
  confirmations: z.array(
    z.object({
      owner: z.string(),
      origin: z.string(),
      status: z.enum(['valid', 'unverified', 'refused']),
      reason: z.string().nullable(),
      /** When it was submitted (the service's claim, or this station's clock) and how long after the proposal. */
      signedAt: z.string().nullable(),
      afterProposalMs: z.number().nonnegative().nullable(),
      /** For a signature made here: what was checked before it (verificationDepth), in words; null otherwise. */
      depth: z.string().nullable(),
    }),
  ),
  threshold: z.number().nullable(),
  /** Live figures (responseFigures): age, and how many more proven signatures the threshold needs (null: owners unknown). */
  figures: z.object({
    proposedAt: z.string().nullable(),
    sinceProposalMs: z.number().nonnegative().nullable(),
    verifiedSignatures: z.number().int().nonnegative(),
    needs: z.number().int().nonnegative().nullable(),
    doubts: z.array(z.string()),
  }),
  /**
   * The latest review of it on this machine (the audit log): its worst severity (null: no finding), the worst
   * finding's title (null: none, or a review recorded before titles were kept), when, at which block; and where
   * the simulation said otherwise than the description, in words (empty: it bore the description out; null: a
   * review recorded before this was checked).
   */
  lastReview: z
    .object({
      worst: severity.nullable(),
      headline: z.string().nullable(),
      contradictions: z.array(z.string()).nullable(),
      at: z.string(),
      block: decimal,
      /** The look-alikes the review found of any address this station knows (absent: recorded before they were kept). */
      lookalikes: z.array(z.object({ address, resembles: address, name: z.string() })).optional(),
    })
    .nullable(),
  /** The review the station runs unasked: waiting, running (its latest step), or failed (why); null when none is pending. */
  background: z.object({ state: z.enum(['queued', 'reviewing', 'failed']), detail: z.string().nullable() }).nullable(),
  tx: safeTxOut,
});

const hashes = z.object({ domainHash: hex32, messageHash: hex32, safeTxHash: hex32 });

// Only proven signatures count; refused (not an owner's, another key or hash, disproved by the state) and
// unverified ones (nothing here could check them) are named with the reason.
const quorum = z.object({
  threshold: z.number().int().min(1),
  signed: z.array(address),
  missing: z.array(address),
  refused: z.array(z.object({ owner: z.string(), reason: z.string() })),
  unverified: z.array(z.object({ owner: z.string(), reason: z.string() })),
  met: z.boolean(),
});

const progressStep = z.object({ stage: z.enum(SIMULATION_STAGES), detail: z.string() });

const review = z.object({
  summary: z.string(),
  /** Where the simulation says otherwise than `summary`, in words (claimContradictions): then it is only a claim. */
  contradictions: z.array(z.string()),
  /**
   * The calls an ERC-7730 descriptor the guardian trusts describes: its intent and fields (each beside its raw
   * value), the descriptor that said so (owner, file sha256, when and by whom it was added) and the console's
   * own words for the same call, kept beside the descriptor's.
   */
  described: z.array(
    z.object({
      path: z.string(),
      intent: z.string(),
      fields: z.array(z.object({ label: z.string(), value: z.string(), raw: z.string() })),
      source: z.string(),
      ownWords: z.string(),
    }),
  ),
  simulation: z.object({
    success: z.boolean(),
    revertReason: z.string().nullable(),
    gasUsed: z.string(),
    block: z.string(),
    blockHash: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/)
      .nullable()
      .optional(),
    executedSafeTxHash: z
      .string()
      .regex(/^0x[0-9a-f]{64}$/)
      .nullable(),
  }),
  /** The hashes of the transaction reviewed, computed here, as the device will be asked to sign them. */
  hashes,
  /**
   * Per contract: what a guardian tracks (owners, threshold, singleton, implementation, admin, paused, roles) in
   * `changes`; every other slot that changed in `storage`, by layout name or raw.
   */
  contracts: z.array(
    z.object({
      label: z.string(),
      changes: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })),
      storage: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })),
    }),
  ),
  /** Balances that moved, in raw units; `delta` is signed ("-1200"). */
  balances: z.array(
    z.object({
      asset: z.string(),
      holder: z.string(),
      before: decimal,
      after: decimal,
      delta: z.string().regex(/^[+-][0-9]+$/),
      /** The same amounts in the token's own units ("3800.0 GRD"), or raw units where its decimals are unknown. */
      shown: z.object({ before: z.string(), after: z.string(), delta: z.string() }),
    }),
  ),
  /**
   * What the transaction did, call by call, depth first as the EVM made them: the callee as the address book
   * names it, the function as the ABIs name it (or its selector), native value sent, and why a call failed.
   */
  calls: z.object({
    lines: z.array(
      z.object({
        depth: z.number().int().min(0),
        type: z.string(),
        to: z.string().nullable(),
        fn: z.string(),
        value: decimal,
        error: z.string().nullable(),
      }),
    ),
    omitted: z.number().int().min(0),
  }),
  /** Events in emission order; name, signature and args are null when no known ABI declares the event. */
  events: z.array(
    z.object({
      contract: z.string(),
      name: z.string().nullable(),
      signature: z.string().nullable(),
      args: z.record(z.string(), z.string()).nullable(),
    }),
  ),
  /** Worst first; each with the evidence its rule kept, as lines to read. */
  findings: z.array(
    z.object({
      code: z.string(),
      severity,
      title: z.string(),
      explanation: z.string(),
      evidence: z.array(z.object({ key: z.string(), value: z.string() })),
    }),
  ),
  worst: severity.nullable(),
  /**
   * Every address the review shows, checksummed, with its name on this machine (address book, Safe deployments)
   * or null for an unknown one, and the known address it imitates when it shares both ends with one.
   */
  addresses: z.array(
    z.object({ address, name: z.string().nullable(), resembles: z.object({ address, name: z.string() }).nullable() }),
  ),
  /** Who has signed (verified, stored here), who is missing; null when the Safe's owners are not known here. */
  quorum: quorum.nullable(),
});

const anyCaseHex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const signingMode = z.enum(['full', 'hashed', 'eth_sign']);
const signingStep = z.object({
  stage: z.enum([
    'reviewing',
    'waiting-for-device',
    'checking-address',
    'streaming',
    'awaiting-approval',
    'fallback',
    'verifying',
    'signed',
  ]),
  detail: z.string(),
  // As the device prints them (upper-case hex), to be drawn exactly so.
  compare: z
    .object({
      domainHash: anyCaseHex32.optional(),
      messageHash: anyCaseHex32.optional(),
      safeTxHash: anyCaseHex32.optional(),
    })
    .nullable(),
});

/**
 * The one IPC contract, read by the main process (to validate both ways), the preload (through the channel
 * names) and the renderer (for types). Payloads are JSON-safe: bigints travel as decimal strings. Requests
 * are strict objects, so a field the main process does not know is refused rather than ignored.
 */
export const contract = {
  'app.info': {
    request: empty,
    response: z.object({ version: z.string(), dataDir: z.string(), safeVersions: z.array(z.string()) }),
  },
  'safes.list': { request: empty, response: z.array(watchedSafe) },
  // The watched-Safe rows safes.list leaves out because they do not read back, each named with what is wrong.
  'safes.damaged': { request: empty, response: z.array(damagedRow) },
  // Watch a Safe from the app, as guardian safe add does (watchSafe): the RPC must answer with this chain id.
  'safes.watch': {
    request: z
      .object({
        chainId: z.string().regex(/^[1-9][0-9]{0,19}$/, 'must be a chain id above 0'),
        address,
        serviceUrl: httpUrl.nullable(),
        rpcUrl: httpUrl.nullable(),
        label: z
          .string()
          .trim()
          .min(1)
          .max(80)
          .regex(/^[^\u0000-\u001f]+$/)
          .nullable(),
      })
      .strict(),
    response: watchedSafe,
  },
  'queue.list': {
    request: z.object({ chainId: decimal.optional(), safe: z.string().optional() }).strict(),
    response: z.array(queueEntry),
  },
  // The main process asks each watched Safe's Transaction Service and stores what checks out; what was refused says why.
  'queue.pull': {
    request: empty,
    response: z.object({
      safes: z.array(
        z.object({
          chainId: decimal,
          address: z.string(),
          label: z.string().nullable(),
          /** False for a Safe watched without a service: nothing to ask, its stored queue stands. */
          asked: z.boolean(),
          pulled: z.number().int().min(0),
          refused: z.array(
            z.object({ claimedSafeTxHash: z.string().nullable(), nonce: z.string().nullable(), reason: z.string() }),
          ),
          /** The service could not be asked (unreachable, bad answer): what is stored is still shown. */
          failure: z.string().nullable(),
        }),
      ),
      /** Watched-Safe rows that do not read back: not pulled, named here so nobody takes their silence for an empty queue. */
      damaged: z.array(damagedRow),
    }),
  },
  // A file the guardian picked, read by the renderer: only its name and text cross. What a queue file cannot say
  // about its Safe (version, nonce) comes from the store, as a pull left it.
  'queue.import': {
    request: z
      .object({
        name: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^\u0000-\u001f]+$/),
        text: z.string().max(MAX_JSON_BYTES),
        /** base64 when the file is a picture (a QR code of signatures, PNG): its bytes, not its text. */
        encoding: z.enum(['utf8', 'base64']).optional(),
        /** The nonce a Transaction Builder batch (which carries none) takes, once the guardian has chosen it. */
        nonce: decimal.max(78).optional(),
      })
      .strict(),
    response: z.object({
      /**
       * A queue file (Transaction Builder, service JSON), a review bundle, or signatures coming back from an
       * air-gapped station; or a batch that carries no nonce, stored only once the guardian chooses one.
       */
      kind: z.enum(['queue-file', 'review-bundle', 'signatures', 'needs-nonce']),
      nonceChoice: z
        .object({
          safe: address,
          safeNonce: decimal,
          suggested: decimal,
          queued: z.array(z.object({ nonce: decimal, safeTxHashes: z.array(hex32) })),
        })
        .optional(),
      imported: z.array(z.object({ safeTxHash: hex32, nonce: decimal })),
      /**
       * For a review bundle: who produced it, as this station recovered it (an owner of the proven state whose
       * Ledger signed its digest), or unsigned, when who produced it is unknown.
       */
      producer: z
        .discriminatedUnion('status', [
          z.object({ status: z.literal('owner'), signer: address, digest: hex32 }).strict(),
          z.object({ status: z.literal('unsigned'), digest: hex32 }).strict(),
        ])
        .optional(),
      /** Owners whose signature a signatures file added. */
      signatures: z.array(address),
      refused: z.array(z.object({ position: z.number().int().min(1), reason: z.string() })),
    }),
  },
  // Files to carry between stations, written by the main process under the store's exports/ folder: a review
  // bundle (online: the transaction with the proven pre-state of a review on a fork), or the signatures held here.
  'queue.exportBundle': { request: z.object({ safeTxHash: hex32 }).strict(), response: z.object({ path: z.string() }) },
  'queue.exportSignatures': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ path: z.string(), signatures: z.number().int().min(0) }),
  },
  // The signatures held here as ERC-4527 eth-signature QR codes, to show to the online station's camera: per
  // signature its frames (SVG documents, several when the code is animated) and the same UR as a text line.
  'queue.signatureQr': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      safeTxHash: hex32,
      signatures: z.array(z.object({ owner: address, frames: z.array(z.string()), line: z.string() })),
    }),
  },
  'queue.hashes': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: hashes.extend({ storedSafeTxHash: hex32 }),
  },
  'queue.review': { request: z.object({ safeTxHash: hex32 }).strict(), response: review },
  // A review the station ran unasked failed: try it again, in its turn.
  'queue.retryReview': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ queued: z.literal(true) }),
  },
  // Asked while queue.review runs: the steps so far, or null when none is running for this transaction.
  'queue.reviewProgress': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ steps: z.array(progressStep).nullable() }),
  },
  // A guardian signs on the Ledger plugged into this machine; the main process reviews again first (the gate).
  'queue.sign': {
    request: z
      .object({
        safeTxHash: hex32,
        mode: signingMode,
        acknowledged: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/)).max(32),
      })
      .strict(),
    response: z.object({
      signer: address,
      mode: signingMode,
      path: z.string(),
      posted: z.boolean(),
      /** Why the Transaction Service did not take it: the signature is stored all the same. */
      postFailure: z.string().nullable(),
      quorum,
    }),
  },
  // Signatures made or carried here that the Transaction Service never took, posted again from the store with no
  // device; each is re-verified as it is read, so a non-owner's is refused, never sent.
  'queue.postAgain': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      outcomes: z.array(z.object({ owner: address, posted: z.boolean(), failure: z.string().nullable() })),
    }),
  },
  // Asked while queue.sign runs: the steps so far, or null when no signing of this transaction is running.
  'queue.signProgress': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ steps: z.array(signingStep).nullable() }),
  },
  // Once the threshold is met: sent from a Ledger account after a last simulation (executeQueueItem).
  'queue.execute': {
    // The Ledger Live account that sends and pays for gas (44'/60'/n'/0/0); it need not be an owner.
    request: z.object({ safeTxHash: hex32, account: z.number().int().min(0).max(99) }).strict(),
    response: z.object({ transactionHash: hex32, success: z.boolean() }),
  },
  // Before executing: who would send it (the account's address on the Ledger), what it holds, and the gas the
  // execution is estimated to take with the signatures held here, read by the main process from the chain.
  'queue.executePreview': {
    request: z.object({ safeTxHash: hex32, account: z.number().int().min(0).max(99) }).strict(),
    response: z.object({
      sender: address,
      path: z.string(),
      balance: decimal,
      /** The balance in the chain's native units ("1.5 ETH"-like, "native" where the symbol is not known). */
      balanceShown: z.string(),
      gasEstimate: decimal.nullable(),
      /** The most it would cost at the current fees (gas limit as sent × max fee), in native units. */
      maxCostShown: z.string().nullable(),
      /** Why the estimate could not be made (too few signatures, the call would revert). */
      estimateFailure: z.string().nullable(),
    }),
  },
  'queue.executeProgress': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      steps: z
        .array(
          z.object({
            stage: z.enum(['checking-chain', 'final-simulation', 'awaiting-approval', 'broadcast', 'mined']),
            detail: z.string(),
          }),
        )
        .nullable(),
    }),
  },
  // The Ledger plugged in: which app it runs and what it can show, before a guardian picks how to sign.
  'device.check': {
    request: empty,
    response: z.object({
      appName: z.string(),
      version: z.string(),
      blindSigningEnabled: z.boolean(),
      eip712Full: z.boolean(),
      eip712Hashed: z.boolean(),
    }),
  },
  // The audit log, newest first: what this station pulled, reviewed, signed, executed.
  'audit.list': {
    request: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    response: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        kind: z.string(),
        safeTxHash: z.string().nullable(),
        actor: z.string().nullable(),
        verdict: severity.nullable(),
        summary: z.string(),
        /** For a signature: what was checked before it, in words; null when its entry recorded none. */
        depth: z.string().nullable(),
      }),
    ),
  },
  // The log's hash chain checked link by link (store.verifyAudit): its head, for a team to record elsewhere.
  'audit.verify': {
    request: empty,
    response: z.object({
      intact: z.boolean(),
      entries: z.number().int().min(0),
      head: anyCaseHex32,
      headId: z.number().int().nullable(),
      firstBad: z.object({ id: z.number().int(), problem: z.string(), message: z.string() }).nullable(),
    }),
  },
  // The drills that ship, and the newest report under exports/ (guardian drill run writes it), or why it does not read.
  'drill.overview': {
    request: empty,
    response: z.object({
      scenarios: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          description: z.string(),
          guardians: z.number().int(),
          threshold: z.number().int(),
          steps: z.array(z.object({ label: z.string(), expect: z.enum(['execute', 'refuse']) })),
        }),
      ),
      latest: z
        .object({
          path: z.string(),
          html: z.string().nullable(),
          name: z.string(),
          startedAt: z.string(),
          signer: z.string(),
          steps: z.array(
            z.object({
              label: z.string(),
              expect: z.enum(['execute', 'refuse']),
              outcome: z.enum(['executed', 'refused', 'stalled']),
              worst: severity.nullable(),
              headline: z.string().nullable(),
              quorumMs: z.number().nullable(),
              executionMs: z.number().nullable(),
              passed: z.boolean(),
            }),
          ),
          figures: z.object({
            passed: z.number().int(),
            steps: z.number().int(),
            trapsRefused: z.number().int(),
            trapsSigned: z.number().int(),
            worstQuorumMs: z.number().nullable(),
            quorumTargetMs: z.number(),
            targetsMet: z.boolean(),
          }),
        })
        .nullable(),
      latestFailure: z.string().nullable(),
    }),
  },
  // Safe messages, pulled when asked; hashes recomputed and signatures proven in the main process.
  'messages.list': {
    request: z.object({ pull: z.boolean().optional() }).strict(),
    response: z.object({
      messages: z.array(
        z.object({
          safeMessageHash: hex32,
          claimedSafeMessageHash: hex32.nullable(),
          chainId: decimal,
          safe: address,
          kind: z.enum(['eip191', 'eip712']),
          description: z.string(),
          domainHash: hex32,
          messageHash: hex32,
          warnings: z.array(
            z.object({ code: z.string(), severity: z.enum(['critical', 'high', 'medium']), text: z.string() }),
          ),
          signed: z.array(address),
          refused: z.array(z.object({ owner: z.string(), reason: z.string() })),
          threshold: z.number().int().nullable(),
        }),
      ),
      refused: z.array(
        z.object({ safe: z.string(), claimedSafeMessageHash: z.string().nullable(), reason: z.string() }),
      ),
      failures: z.array(z.object({ safe: z.string(), reason: z.string() })),
    }),
  },
  // One owner signs a stored Safe message on the Ledger (hashed EIP-712: the device shows the domain and message
  // hashes messages.list gave); stored and checked before it is posted, and the Safe asked once the quorum is met.
  'messages.sign': {
    request: z
      .object({ safeMessageHash: hex32, acknowledged: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/)).max(32) })
      .strict(),
    response: z.object({
      signer: address,
      path: z.string(),
      posted: z.boolean(),
      postFailure: z.string().nullable(),
      signed: z.array(address),
      threshold: z.number().int(),
      /** The Safe's own isValidSignature on the collected signatures; null until the quorum is met or with no RPC. */
      onChainValid: z.boolean().nullable(),
    }),
  },
  'tx.hashes': { request: z.object({ tx: safeTxJsonSchema.strict() }).strict(), response: hashes },
  // Only a hash, in either spelling: a renderer must not be able to plant an address or a command on the clipboard.
  // Only a hash, in either spelling, or an address the main process itself showed in this transaction's latest
  // review: a renderer must not be able to plant an address or a command on the clipboard.
  'clipboard.writeHash': {
    request: z.union([
      z.object({ text: z.string().regex(/^0x[0-9a-fA-F]{64}$/) }).strict(),
      z.object({ address, safeTxHash: hex32 }).strict(),
    ]),
    response: z.object({ written: z.literal(true) }),
  },
  ...drillContract,
  ...devicesContract,
} satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

// Both directions: a contract entry without an allow-listed name would be unreachable, and silently so.
type NoUnlistedEntries<T extends Channel> = T;
export type ContractChannels = NoUnlistedEntries<keyof typeof contract>;

/** What the renderer sends (inputs: decimal strings) and what it receives, per channel. */
export type Request<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type Response<C extends Channel> = z.infer<(typeof contract)[C]['response']>;
export type QueueEntry = z.infer<typeof queueEntry>;
export type WatchedSafeView = z.infer<typeof watchedSafe>;
export type AuditEntryView = Response<'audit.list'>[number];
export type ReviewView = z.infer<typeof review>;
export type SafeTxView = z.infer<typeof safeTxOut>;
export type SigningStepView = z.infer<typeof signingStep>;
