import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import type { Verb } from '../../electron/cli/cliContext.js';
import { createOutput } from '../../electron/cli/output.js';
import type { GuardianRun } from './runGuardian.js';

/**
 * Runs a verb in this process, capturing what it writes: for a verb handed a software Ledger, since the built
 * binary can open only USB devices. A GuardianError it throws ends the run as guardian's top level ends it: the
 * message and code on stderr, the code's exit status.
 */
export async function runVerbHere(
  verb: Verb,
  args: string[],
  env: Record<string, string>,
  terminal?: { onStderr?: (stderr: string) => void },
): Promise<GuardianRun> {
  let stdout = '';
  let stderr = '';
  const streams = {
    stdout: { write: (s: string) => (stdout += s) },
    // At a terminal, a verb may wait for a Ledger to be plugged in, saying so on stderr.
    stderr: { write: (s: string) => ((stderr += s), terminal?.onStderr?.(stderr)), isTTY: terminal !== undefined },
  };
  try {
    return {
      code: await verb.run({ args, out: createOutput(streams, args.includes('--json')), streams, env }),
      stdout,
      stderr,
    };
  } catch (error) {
    return {
      code: EXIT_FOR_ERROR[(error as { code: keyof typeof EXIT_FOR_ERROR }).code] ?? -1,
      stdout,
      stderr: `${stderr}${(error as Error).message} [${(error as { code: string }).code}]\n`,
    };
  }
}
