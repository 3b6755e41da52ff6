// The linter holds two things review cannot: a promise nobody awaits (a failure that vanishes, or a signing step
// that runs after the screen moved on), and the direction of imports, so the layers in STYLE.md stay layers.
import tseslint from 'typescript-eslint';

/** A file may import packages and its own folder; these say which relative imports it may not make. */
const CORE_NEVER = [
  {
    regex: '(^|/)(app|cli|ipc|window|renderer)/',
    message: 'electron/core is used by the CLI, the app and the tests alike: it imports none of their adapters.',
  },
  { regex: '^(electron|react|react-dom)(/|$)', message: 'electron/core imports neither Electron nor React.' },
];
// Primitives (hex, checksums, ABI fragments, MultiSend encoding, shared types) and the JSON reader sit under every
// feature folder, so arrows between feature folders can only run one way through them.
const BOTTOM_ONLY = {
  regex: '^\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/)',
  message: 'A bottom layer imports only electron/core/errors, input and primitives, never a feature folder.',
};
// Hashes, signatures and owners are what every feature checks against; they depend on no feature themselves.
const SAFE_ONLY = {
  regex: '^\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/)',
  message: 'electron/core/safe imports only errors, input and primitives: the features build on it, not the reverse.',
};
// The store keeps what the features produce (queue items, messages, carried states, descriptors); the workflows
// that pull, review and sign take a store, so the store imports none of them.
const STORE_ONLY = {
  regex: '^\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/|safe/|decode/)',
  message:
    'electron/core/store imports only errors, input, primitives, safe and decode: the workflows take a store, not the reverse.',
};
// Risk rules judge what a simulation saw (its shapes live in primitives); the simulation runs them, not the reverse.
const RISK_ONLY = {
  regex: '^\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/|safe/|decode/)',
  message:
    'electron/core/risk imports only errors, input, primitives, safe and decode: simulate runs the rules, the rules never run simulate.',
};
// Decoding reads calldata against ABIs and the Safe's own fields; what it knows from this machine (registered ABIs,
// labels, descriptors) reaches it as options built in store/storedDecodeOptions.ts, so it imports no store.
const DECODE_ONLY = {
  regex: '^\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/|safe/)',
  message: 'electron/core/decode imports only errors, input, primitives and safe: the store builds its options.',
};
// The same bound for decode's own subfolders (erc7730/), one level further down.
const DECODE_NESTED_ONLY = {
  regex: '^\\.\\./\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/|safe/)',
  message: DECODE_ONLY.message,
};
// The device signs what safe hashed and checks it against safe's signatures; it needs no feature folder.
const LEDGER_ONLY = {
  regex: '^\\.\\./(?!errors\\.js$|errorCauses\\.js$|input/|primitives/|safe/)',
  message: 'electron/core/ledger imports only errors, input, primitives and safe: the signing flows use the device.',
};
const restricted = (...patterns) => ['error', { patterns }];
const VIEM_IN_TESTS_ONLY = 'The app and the CLI use ethers alone; viem is a devDependency, an oracle for tests.';

export default tseslint.config(
  { ignores: ['dist/**', 'test-results/**', 'node_modules/**', 'contracts/artifacts/**', 'release/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: { allowDefaultProject: ['vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
    },
  },
  { files: ['electron/core/**/*.ts'], rules: { 'no-restricted-imports': restricted(...CORE_NEVER) } },
  // One Ethereum library in what ships (README, "How it is built"): viem is the tests' independent oracle only.
  // Its own rule name, so the layer rules below, which replace no-restricted-imports per folder, leave it be.
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'viem', message: VIEM_IN_TESTS_ONLY }],
          patterns: [{ group: ['viem/*'], message: VIEM_IN_TESTS_ONLY }],
        },
      ],
    },
  },
  {
    files: ['electron/core/primitives/**/*.ts', 'electron/core/input/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, BOTTOM_ONLY) },
  },
  // Tests may reach shared fixtures in test/; the layers bind the code they prove.
  {
    files: ['electron/core/safe/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, SAFE_ONLY) },
  },
  {
    files: ['electron/core/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, STORE_ONLY) },
  },
  {
    files: ['electron/core/risk/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, RISK_ONLY) },
  },
  {
    files: ['electron/core/decode/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, DECODE_ONLY) },
  },
  {
    files: ['electron/core/decode/*/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, DECODE_NESTED_ONLY) },
  },
  {
    files: ['electron/core/ledger/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted(...CORE_NEVER, LEDGER_ONLY) },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': restricted(
        {
          regex: '(^|/)electron/(?!ipc/)',
          message:
            'The renderer reaches the rest of the code only through electron/ipc (rendererFormatting.ts for pure helpers).',
        },
        { regex: '^(electron|node:.*)$', message: 'The renderer is sandboxed: it gets neither Electron nor Node.' },
      ),
    },
  },
  {
    // Tests of the renderer's pure pieces read fixtures from disk; they never run inside the window.
    files: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted({
        regex: '(^|/)electron/(?!ipc/)',
        message: 'The renderer reaches the rest of the code only through electron/ipc.',
      }),
    },
  },
);
