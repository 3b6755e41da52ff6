import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { OWNER_KEYS, pauseItem, signHash, STRANGER, stationWith } from '../bundle/signatureStations.js';
import { pauseBatchJson, SAFE, scratchFolder, txFlags, watchSafeWithServiceDown } from './commandLineFixtures.js';
import { runGuardian, type GuardianRun } from './runGuardian.js';

// What a new user types wrong, found by using every verb with nothing but the README: each must end in one line
// (or one JSON object) with the code the README's table gives, never a stack.
const { dir, env, file } = scratchFolder('guardian-hostile-cli-');
const uint256TooLarge = (2n ** 300n).toString();

/** The one JSON failure a run with --json prints on stderr, with nothing on stdout. */
function jsonFailure(run: GuardianRun): { code: string; message: string } {
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  return (JSON.parse(run.stderr) as { error: { code: string; message: string } }).error;
}

function expectNoStack(run: GuardianRun): void {
  expect(run.code).not.toBe(EXIT.BUG);
  expect(run.stderr).not.toMatch(/unexpected error|TypeError|    at /);
}

describe('a command line that names no verb guardian has', () => {
  it('answers an unknown verb in JSON when --json was asked for', async () => {
    const run = await runGuardian(['nosuch', '--json']);
    expect(run.code).toBe(EXIT.USAGE);
    expect(jsonFailure(run)).toEqual({
      code: 'INVALID_INPUT',
      message: 'Unknown verb "nosuch". Run "guardian --help" for the list.',
    });
    expect(jsonFailure(await runGuardian(['--json'])).code).toBe('INVALID_INPUT');
    expect(jsonFailure(await runGuardian(['help', 'nosuch', '--json'])).code).toBe('INVALID_INPUT');
  });

  it('takes the names of Object.prototype for the unknown verbs they are', async () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      const run = await runGuardian(['help', name]);
      expectNoStack(run);
      expect(run.code, name).toBe(EXIT.USAGE);
      expect(run.stderr).toContain(`Unknown verb "${name}"`);
    }
  });

  it('prints the usage on stderr for a bare guardian, which is a usage error, and on stdout for --help', async () => {
    const bare = await runGuardian([]);
    expect(bare.code).toBe(EXIT.USAGE);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage:');
    const help = await runGuardian(['--help']);
    expect(help.code).toBe(EXIT.OK);
    expect(help.stdout).toBe(bare.stderr);
  });

  it('answers message without an action as every verb answers a usage error, in JSON with --json', async () => {
    const run = await runGuardian(['message', '--json'], env('message-usage'));
    expect(run.code).toBe(EXIT.USAGE);
    expect(jsonFailure(run).message).toMatch(/list, import, show, sign or post/);
  });
});

describe('numbers and prefixes typed as flags', () => {
  it('refuses a number beyond a uint256 as the flag it was typed in (a usage error, 64), naming the flag', async () => {
    for (const flag of ['--nonce', '--chain-id', '--value', '--safe-tx-gas']) {
      const run = await runGuardian(['hashes', ...txFlags({ [flag]: uint256TooLarge }), '--json']);
      expect(run.code, flag).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect(jsonFailure(run).message, flag).toMatch(new RegExp(`^${flag} must fit a uint256`));
    }
    const largest = await runGuardian(['hashes', ...txFlags({ '--nonce': (2n ** 256n - 1n).toString() })]);
    expect(largest.code, largest.stderr).toBe(EXIT.OK);
  });

  it('says a safeTxHash prefix shorter than 6 hex digits is one, instead of looking for a file of that name', async () => {
    for (const verb of ['hashes', 'decode', 'review']) {
      const run = await runGuardian([verb, '0xa1b6'], env('short-prefix'));
      expect(run.code, verb).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect(run.stderr, verb).toMatch(/"0xa1b6" is neither a file nor a safeTxHash or a prefix of one/);
      expect(run.stderr, verb).not.toMatch(/ENOENT/);
    }
  });
});

describe('files that are JSON but not an object', () => {
  const nullFile = file('null.json', 'null');

  it('refuses null as an ABI, a review bundle to sign from, and a bundle to drill, with INVALID_FILE', async () => {
    const batch = file('pause.json', pauseBatchJson());
    const imported = await runGuardian(
      ['import', batch, '--safe-version', '1.4.1', '--nonce', '0', '--json'],
      env('null-sign'),
    );
    expect(imported.code, imported.stderr).toBe(EXIT.OK);
    const [{ safeTxHash }] = (JSON.parse(imported.stdout) as { imported: Array<{ safeTxHash: string }> }).imported as [
      { safeTxHash: string },
    ];
    const runs = [
      await runGuardian(['abi', 'add', `1:${SAFE}`, nullFile], env('null-abi')),
      await runGuardian(['sign', safeTxHash, '--bundle', nullFile], env('null-sign')),
      await runGuardian(['drill', 'run', '--from', nullFile], env('null-drill')),
    ];
    for (const run of runs) {
      expectNoStack(run);
      expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_FILE);
      expect(run.stderr).toContain('[INVALID_FILE]');
    }
  });
});

describe('where a verb is told to write', () => {
  const folder = join(dir, 'a-folder');
  mkdirSync(folder, { recursive: true });
  const missing = join(dir, 'no-such-folder', 'out.json');

  it('refuses a folder, a missing folder or an existing file before any work, as a usage error naming the path', async () => {
    const existing = file('existing.json', '{}');
    const cases: Array<[string[], RegExp]> = [
      [['audit', 'export', '--out', folder], /--out .*a-folder: is a folder/],
      [['audit', 'export', '--out', existing], /--out .*existing\.json: already exists/],
      [['bundle', 'export', '0xabcdef12', '--out', folder], /--out .*a-folder: is a folder/],
      [['bundle', 'export', '0xabcdef12', '--out', missing], /the folder .*no-such-folder does not exist/],
      [['bundle', 'signatures', '0xabcdef12', '--out', folder], /--out .*a-folder: is a folder/],
      [['bundle', 'signatures', '0xabcdef12', '--qr', folder], /--qr .*a-folder: is a folder/],
      // The RPC is not even asked: the path is refused before the fork would start.
      [
        ['review', ...txFlags(), ...['--rpc', 'http://127.0.0.1:9', '--carry', folder]],
        /--carry .*a-folder: is a folder/,
      ],
    ];
    for (const [args, reason] of cases) {
      const run = await runGuardian([...args, '--json'], env('outputs'));
      expectNoStack(run);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect(jsonFailure(run).message, args.join(' ')).toMatch(reason);
    }
  });

  it('refuses a --check-rpc that is not a URL as a usage error', async () => {
    const run = await runGuardian(
      ['bundle', 'export', '0xabcdef12', '--out', join(dir, 'b.json'), '--check-rpc', 'notaurl'],
      env('check-rpc'),
    );
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(run.stderr).toMatch(/--check-rpc must be an http\(s\) URL, got "notaurl"/);
  });
});

describe('message list when every pull failed', () => {
  it("exits with the failure's code, as queue does, so a script does not take stored messages for fresh", async () => {
    const dataDir = join(dir, 'messages-down');
    watchSafeWithServiceDown(dataDir);
    const run = await runGuardian(['message', 'list'], { GUARDIAN_DATA_DIR: dataDir });
    expect(run.stderr).toMatch(/\[SERVICE_UNREACHABLE\]/);
    expect(run.code).toBe(EXIT_FOR_ERROR.SERVICE_UNREACHABLE);
    expect((await runGuardian(['message', 'list', '--offline'], { GUARDIAN_DATA_DIR: dataDir })).code).toBe(EXIT.OK);
  });
});

describe('bundle with --json', () => {
  it('prints what signatures wrote and what an import added as one JSON object on stdout', async () => {
    const item = pauseItem(0n);
    const { safeTxHash } = item;
    const [a, b] = OWNER_KEYS as unknown as [typeof STRANGER, typeof STRANGER];
    const station = (name: string, signers: (typeof STRANGER)[]) => {
      const store = stationWith(openStore({ dataDir: join(dir, name) }), [item]);
      for (const key of signers)
        store.addConfirmation(safeTxHash, { owner: key.address, signature: signHash(key, safeTxHash) }, 'local');
      store.close();
      return env(name);
    };
    const out = join(dir, 'bundle-sigs.json');
    const written = await runGuardian(
      ['bundle', 'signatures', safeTxHash, '--out', out, '--json'],
      station('json-station', [a, b]),
    );
    expect(written.code, written.stderr).toBe(EXIT.OK);
    expect(written.stderr).toBe('');
    expect(JSON.parse(written.stdout)).toEqual({ safeTxHash, out: { path: out, signatures: 2 }, notWritten: [] });

    const back = await runGuardian(['bundle', 'import', out, '--no-post', '--json'], station('json-online', []));
    expect(back.code, back.stderr).toBe(EXIT.OK);
    const report = JSON.parse(back.stdout) as { added: string[] };
    expect(report).toEqual({
      kind: 'signatures',
      path: out,
      safeTxHash,
      added: report.added,
      refused: [],
      notProven: [],
      posted: [],
    });
    expect(report.added.map((o) => o.toLowerCase()).sort()).toEqual(
      [a.address, b.address].map((o) => o.toLowerCase()).sort(),
    );
  });
});
