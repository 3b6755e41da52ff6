import type { Verb } from './cliContext.js';

/**
 * Every verb's name, usage and help, and how to load it. Only this table is read at start-up: a verb's module,
 * and the libraries it needs (ethers, api-kit, the Ledger transports, node:sqlite), load when that verb
 * runs, so `guardian --help` or `guardian hashes` from flags answers in the time of a bare Node start.
 */
export interface VerbEntry {
  usage: string;
  summary: string;
  /** [flag, what it does]: `guardian VERB --help` lists them. */
  flags: ReadonlyArray<readonly [string, string]>;
  /** How a failure of this verb begins, when it says more than the message ("could not review"). */
  failure?: string;
  /** What `guardian VERB --help` prints after the flags: the format of a file the verb reads. */
  more?: string;
  load: () => Promise<Verb>;
}

const JSON_FLAG = ['--json', 'print the result as JSON for scripts; a failure too, as {"error": …} on stderr'] as const;
const SAFE_TX_FIELDS = [
  ['--chain-id N', 'the chain the Safe is on'],
  ['--safe 0x…', 'the Safe'],
  ['--safe-version V', 'its version (1.0.0 to 1.5.0): the hash rules differ'],
  ['--to 0x…', 'the call target'],
  ['--nonce N', "the Safe's nonce for this transaction"],
  ['--value W, --data 0x…, --operation 0|1', 'the call (defaults 0, 0x, CALL)'],
  ['--safe-tx-gas, --base-gas, --gas-price, --gas-token, --refund-receiver', 'the gas and refund fields (default 0)'],
] as const;
const FILE_CONTEXT = [
  ['--chain-id N', 'the chain of a Safe the file does not name a chain for'],
  ['--safe-version V', 'the Safe version, when the Safe was never pulled here'],
  ['--nonce N', 'the nonce of a Transaction Builder batch (service JSON carries its own)'],
  ['--multi-send 0x…', 'the MultiSendCallOnly a Transaction Builder batch goes through'],
] as const;

/**
 * A drill scenario file's fields and its steps' actions, for `guardian drill --help`. Written out here, not read
 * from drillScenario.ts, because this table loads at start-up and the schema brings zod; verbTable.test.ts holds
 * both lists to the schema, so an action or a field added there fails the test until it is described here.
 */
export const DRILL_SCENARIO_FIELDS = [
  ['format', '"guardian-drill-scenario"'],
  ['version', '1'],
  ['name', 'what the report calls it (up to 100 characters)'],
  ['description', 'what the team rehearses (optional)'],
  ['emergency', 'true: judged against the emergency targets (quorum in under two hours)'],
  ['guardians', "the drill Safe's owners, 1 to 10"],
  ['threshold', 'the signatures it needs, at most guardians'],
  ['targets', '{"quorumMinutes": N (default 120), "executionMinutes": N} (optional)'],
  ['steps', '1 to 20 of {"label": text, "action": below, "expect": "execute" | "refuse"}, proposed in order'],
] as const;
export const DRILL_STEP_ACTIONS = [
  ['pause', "the Vault's pause()"],
  ['unpause', "the Vault's unpause()"],
  ['upgrade', "the Vault's upgrade to its next implementation (upgradeToAndCall)"],
  ['raise-threshold', "the Safe's threshold raised by one (changeThreshold) for the steps after it"],
  ['trap-ownership-batch', "a batch that pauses and hands the Vault's ownership to a stranger (Radiant, Oct 2024)"],
  ['trap-delegatecall', "a DELEGATECALL into a stranger's contract dressed as a transfer of 0 (Bybit, Feb 2025)"],
  ['trap-upgrade-dead-end', "the Vault's upgrade to an implementation with no way to upgrade again"],
] as const;

const described = (rows: ReadonlyArray<readonly [string, string]>): string => {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, what]) => `  ${name.padEnd(width)}  ${what}`).join('\n');
};

const DRILL_SCENARIO_HELP =
  `A scenario file is a JSON object:\n${described(DRILL_SCENARIO_FIELDS)}\n\n` +
  `A step's action is what it proposes; a trap is expected to be refused:\n${described(DRILL_STEP_ACTIONS)}\n`;

export const VERBS: Readonly<Record<string, VerbEntry>> = {
  safe: {
    usage:
      'safe add <chainId>:<address> --service <url> --rpc <url> [--label text] | safe list | safe latency <chainId>:<address> [--last N]',
    summary: 'Watch a Safe: where its Transaction Service and its chain RPC are (the RPC must serve its chain)',
    flags: [
      ['--service URL', 'its Transaction Service API'],
      ['--rpc URL', 'an RPC of its chain'],
      ['--label TEXT', 'a name for lists'],
      ['--last N', 'latency: how many of the latest executions to list'],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/safe.js')).safeVerb,
  },
  queue: {
    usage: 'queue [--offline] [--json]',
    summary: "Pull every watched Safe's pending transactions, check their hashes, store and list them",
    flags: [['--offline', 'list what is stored without pulling'], JSON_FLAG],
    load: async () => (await import('./verbs/queue.js')).queueVerb,
  },
  import: {
    usage: 'import <file> [--chain-id N] [--safe-version V] [--nonce N] [--multi-send 0x…]',
    summary: 'Store the transactions of a Transaction Builder batch or Transaction Service JSON, each re-hashed here',
    flags: [...FILE_CONTEXT, JSON_FLAG],
    load: async () => (await import('./verbs/import.js')).importVerb,
  },
  hashes: {
    usage:
      'hashes <safeTxHash|file> | hashes --chain-id N --safe 0x… --safe-version V --to 0x… --nonce N [...] [--claimed 0x…]',
    summary: 'Recompute domain hash, message hash and safeTxHash locally and check them against any claim',
    flags: [
      ...SAFE_TX_FIELDS,
      ['--claimed 0x…', 'a safeTxHash someone claims: exit 1 if it disagrees'],
      ['--multi-send 0x…', 'the MultiSendCallOnly a Transaction Builder batch goes through'],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/hashes.js')).hashesVerb,
  },
  decode: {
    usage:
      'decode <safeTxHash|file> | decode --chain-id N --safe A --to A [--data H --value W --operation 0|1]  [--artifacts dir] [--raw] [--json]',
    summary: 'Decode a queued transaction into plain words: every call, batch and nested Safe, with its class',
    flags: [
      ...FILE_CONTEXT,
      ['--safe, --to, --data, --value, --operation', 'a bare call instead of a transaction'],
      ['--artifacts DIR', 'compiled artifacts whose ABIs decode calls'],
      ['--raw', 'every argument as well'],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/decode.js')).decodeVerb,
  },
  review: {
    usage:
      'review <safeTxHash|file> | review --chain-id N --safe A --safe-version V --to A --nonce N [...]  [--rpc url] [--artifacts dir] [--carry out.json | --replay carried.json] [--json]',
    summary:
      'Simulate on a local fork (or replay a carried state offline): hashes, actions, the state diff and findings; exit code = worst finding',
    flags: [
      ...SAFE_TX_FIELDS,
      ['--rpc URL', "the RPC to fork (default: the watched Safe's)"],
      ['--artifacts DIR', 'compiled artifacts: storage layouts and errors by name'],
      ['--carry FILE', 'also write the proven pre-state the simulation read'],
      ['--replay FILE', 'review from a carried pre-state, with no network'],
      JSON_FLAG,
    ],
    failure: 'could not review',
    load: async () => (await import('./verbs/review.js')).reviewVerb,
  },
  abi: {
    usage: 'abi add <chainId>:<address> <abi.json> [--name text]',
    summary: 'Register the ABI of a contract, the most trusted source for decoding calls to it',
    flags: [['--name TEXT', "the contract's name in sentences"], JSON_FLAG],
    load: async () => (await import('./verbs/abi.js')).abiVerb,
  },
  descriptor: {
    usage: 'descriptor add <descriptor.json> | descriptor list',
    summary:
      'Trust an ERC-7730 clear-signing descriptor: its intent and labelled fields describe calls to the deployments it names',
    flags: [JSON_FLAG],
    load: async () => (await import('./verbs/descriptor.js')).descriptorVerb,
  },
  devices: {
    usage: 'devices [--json]',
    summary: 'List Ledger devices on USB and the Ethereum app each one runs',
    flags: [JSON_FLAG],
    load: async () => (await import('./verbs/devices.js')).devicesVerb,
  },
  sign: {
    usage:
      "sign <safeTxHash> [--path \"44'/60'/0'/0/0\"] [--hashed] [--eth-sign] [--ack CODE]... [--scan N] [--show-address] [--no-post] [--bundle file] | sign <safeTxHash> --preview [--model nanox] [--app-version 1.10.0]",
    summary: 'Sign a reviewed transaction on a Ledger; the signature is verified and stored, then posted',
    flags: [
      ['--path PATH', 'the derivation path of the owner account'],
      ['--scan N', 'look for an owner among the first N accounts'],
      ['--hashed', 'sign in hashed (blind) mode: the device shows the domain and message hashes'],
      ['--eth-sign', 'eth_sign, a last resort for old apps'],
      ['--ack CODE', 'accept a critical finding by its code (repeatable)'],
      ['--show-address', 'the Ledger shows the owner address to confirm before it signs'],
      ['--no-post', 'store the signature without posting it (guardian post sends it later)'],
      ['--bundle FILE', "air-gapped: review from this bundle's proven pre-state"],
      ['--preview', 'print what the Ledger will show in each mode it can sign in; needs no device, signs nothing'],
      ['--model NAME', 'with --preview: nanos, nanosp, nanox, stax or flex'],
      ['--app-version V', "with --preview: the Ethereum app's version, as its settings show it"],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/sign.js')).signVerb,
  },
  post: {
    usage: 'post [safeTxHash] [--owner 0x…]',
    summary: 'Post again the signatures made here that did not reach the Transaction Service, without signing again',
    flags: [['--owner 0x…', "only this owner's signature"], JSON_FLAG],
    load: async () => (await import('./verbs/post.js')).postVerb,
  },
  execute: {
    usage: "execute <safeTxHash> [--path \"44'/60'/0'/0/0\"] [--rpc url]",
    summary: 'Execute a transaction whose threshold is met, sent from a Ledger account after a final simulation',
    flags: [
      ['--path PATH', 'the Ledger account that sends it'],
      ['--rpc URL', "the RPC to send through (default: the watched Safe's)"],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/execute.js')).executeVerb,
  },
  bundle: {
    usage:
      'bundle export <safeTxHash> --out file [--check-rpc URL] [--sign [--path P] [--scan N]] | bundle import <file | pictures… | ur-lines.txt> [--no-post] | bundle signatures <safeTxHash> [--out file] [--qr out.png] [--ur]',
    summary: 'Carry a transaction to an air-gapped station (a review bundle) and its signatures back',
    flags: [
      ['--out FILE', 'where to write'],
      ['--check-rpc URL', 'compare the block hash with a second RPC'],
      ['--sign', 'export: sign the bundle on your Ledger first, so a station names you (an owner) as who made it'],
      ['--path PATH', 'with --sign: the derivation path of the owner account'],
      ['--scan N', 'with --sign: look for an owner among the first N accounts'],
      ['--qr OUT.png', 'signatures: ERC-4527 eth-signature QR codes, a picture per frame'],
      ['--ur', 'signatures: the ur:eth-signature lines, on stdout'],
      ['--no-post', 'store imported signatures without posting them'],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/bundle.js')).bundleVerb,
  },
  audit: {
    usage:
      'audit list [--tx safeTxHash] [--kind kind] | audit verify [--head HASH | --against export.jsonl] | audit export --out file.jsonl',
    summary: 'The audit log: every review, signature and refusal on this machine, chained by hashes so an edit shows',
    flags: [
      ['--tx HASH, --kind KIND', "list only one transaction's entries, or one kind"],
      ['--head HASH', 'verify against a head recorded elsewhere'],
      ['--against FILE', 'verify against an earlier export'],
      ['--out FILE', 'where export writes'],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/audit.js')).auditVerb,
  },
  drill: {
    usage: 'drill list | drill run <scenario|file.json> | drill run --from <bundle.json>',
    summary:
      'Rehearse an emergency on a local drill chain: traps refused, quorum and execution timed, a report written',
    flags: [
      [
        '--from FILE',
        "a review bundle's transaction, on its Safe and protocol from the proven pre-state, owners replaced by drill keys",
      ],
      JSON_FLAG,
    ],
    more: DRILL_SCENARIO_HELP,
    load: async () => (await import('./verbs/drill.js')).drillVerb,
  },
  nested: {
    usage:
      'nested approve <outer safeTxHash> --inner <chainId>:<ownerSafe> [--nonce N] | sign <outer safeTxHash> --inner <chainId>:<ownerSafe> [--path P] [--scan N] [--ack CODE]... [--no-post] | add-signature <outer safeTxHash> --inner <chainId>:<ownerSafe> --owner 0x… --signature 0x… [--no-post]',
    summary:
      "A Safe owned by a Safe: store the owner Safe's approveHash of a stored transaction, or sign on a Ledger the owner Safe's message over it and, at its threshold, store its contract signature",
    flags: [
      ['--inner CHAIN:0x…', 'the owner Safe that approves or signs (pulled here, so its owners and nonce are known)'],
      ['--nonce N', "approve: the owner Safe's nonce for the approval (default: its next free one)"],
      ['--path P, --scan N', "sign: the owner Safe owner's path on the Ledger, or how many paths to search"],
      ['--ack CODE', "sign: a critical finding of the outer transaction's review read and accepted (repeat for each)"],
      [
        '--no-post',
        "sign, add-signature: keep the signatures here only (default: post them to the owner Safe's and the outer Safe's services)",
      ],
      [
        '--owner 0x…, --signature 0x…',
        "add-signature: an inner owner's signature made at another station (nested sign --json)",
      ],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/nested.js')).nestedVerb,
  },
  message: {
    usage:
      'message list [--offline] | import <file> | show <hash> [--rpc URL] | sign <hash> [--path P] [--scan N] [--ack CODE]... [--no-post] | post <hash> [--owner 0x…]',
    summary:
      'Off-chain Safe messages (EIP-191 text, EIP-712 typed data): pull and check their hashes, sign on a Ledger, post, ask the Safe',
    flags: [
      ['--offline', 'list what is stored without pulling'],
      ['--rpc URL', 'show: ask the Safe (isValidSignature) on this RPC once the quorum is met'],
      ['--path P, --scan N', 'sign: the owner path on the Ledger, or how many paths to search'],
      ['--ack CODE', 'sign: a critical warning read and accepted (repeat for each)'],
      ['--no-post', 'sign: keep the signature here only'],
      ['--owner 0x…', 'post: whose stored signature to post again'],
      JSON_FLAG,
    ],
    load: async () => (await import('./verbs/message.js')).messageVerb,
  },
};

/** Flags every verb takes, handled before the verb runs. */
export const COMMON_FLAGS = [
  ['--help, -h', 'this help'],
  ['--verbose', 'on a failure, also print what caused it, cause by cause'],
] as const;
