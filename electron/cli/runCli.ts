import { GuardianError } from '../core/errors.js';
import type { CliContext, Verb } from './cliContext.js';
import { createOutput, type OutputStreams } from './output.js';
import { abiVerb } from './verbs/abi.js';
import { auditVerb } from './verbs/audit.js';
import { bundleVerb } from './verbs/bundle.js';
import { decodeVerb } from './verbs/decode.js';
import { devicesVerb } from './verbs/devices.js';
import { drillVerb } from './verbs/drill.js';
import { executeVerb } from './verbs/execute.js';
import { hashesVerb } from './verbs/hashes.js';
import { importVerb } from './verbs/import.js';
import { messageVerb } from './verbs/message.js';
import { queueVerb } from './verbs/queue.js';
import { reviewVerb } from './verbs/review.js';
import { safeVerb } from './verbs/safe.js';
import { signVerb } from './verbs/sign.js';

const verbs: Record<string, Verb> = {
  safe: safeVerb,
  queue: queueVerb,
  import: importVerb,
  hashes: hashesVerb,
  decode: decodeVerb,
  review: reviewVerb,
  abi: abiVerb,
  devices: devicesVerb,
  sign: signVerb,
  execute: executeVerb,
  bundle: bundleVerb,
  audit: auditVerb,
  drill: drillVerb,
  message: messageVerb,
};

function usage(): string {
  const lines = Object.values(verbs).map((v) => `  guardian ${v.usage}\n      ${v.summary}`);
  return `Guardian Console: review and sign Safe transactions with hashes computed on this machine.\n\nUsage:\n${lines.join('\n')}\n\nEvery verb takes --json.\n`;
}

/**
 * Runs one CLI invocation and returns its exit code. Expected failures (GuardianError) print one line on
 * stderr; anything else is a bug and keeps its stack so it can be reported.
 */
export async function runCli(argv: string[], streams: OutputStreams, env: Record<string, string | undefined>): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    streams.stdout.write(usage());
    return name ? 0 : 64;
  }
  const verb = verbs[name];
  if (!verb) {
    streams.stderr.write(`guardian: unknown verb "${name}". Run "guardian --help" for the list.\n`);
    return 64;
  }
  const json = args.includes('--json');
  const ctx: CliContext = { args, out: createOutput(streams, json), streams, env };
  try {
    return await verb.run(ctx);
  } catch (error) {
    if (error instanceof GuardianError) {
      if (json) streams.stderr.write(`${JSON.stringify({ error: error.toJSON() })}\n`);
      else streams.stderr.write(`guardian ${name}: ${error.message} [${error.code}]\n`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      streams.stderr.write(`guardian ${name}: ${error.message}\n`);
      return 64;
    }
    throw error;
  }
}
