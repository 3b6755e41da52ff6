import { causeChain, guardianErrorJson } from '../core/errorCauses.js';
import { GuardianError } from '../core/errors.js';
import type { CliContext } from './cliContext.js';
import { EXIT, EXIT_FOR_ERROR } from './exitCodes.js';
import { negativeNumberFlag } from './negativeNumberFlag.js';
import { createOutput, type OutputStreams } from './output.js';
import { COMMON_FLAGS, VERBS, type VerbEntry } from './verbTable.js';

function usage(): string {
  const lines = Object.values(VERBS).map((v) => `  guardian ${v.usage}\n      ${v.summary}`);
  return (
    `Guardian Console: review and sign Safe transactions with hashes computed on this machine.\n\nUsage:\n${lines.join('\n')}\n\n` +
    `Every verb takes --json, --verbose and --help (or: guardian help VERB). Exit codes: see the README's table.\n`
  );
}

const HELP_COLUMN = 24;

function verbHelp(name: string, verb: VerbEntry): string {
  const flags = [...verb.flags, ...COMMON_FLAGS];
  // A long flag list takes a line of its own, so the short ones keep their column.
  const width = Math.max(...flags.map(([flag]) => flag.length).filter((n) => n <= HELP_COLUMN));
  const lines = flags.map(([flag, what]) =>
    flag.length > HELP_COLUMN ? `  ${flag}\n  ${' '.repeat(width)}  ${what}` : `  ${flag.padEnd(width)}  ${what}`,
  );
  return `guardian ${verb.usage}\n\n${verb.summary}.\n\nFlags:\n${lines.join('\n')}\n${verb.more ? `\n${verb.more}` : ''}`;
}

function isParseArgsError(error: unknown): error is TypeError {
  return (
    error instanceof TypeError &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

/** `--help`/`-h` anywhere before a `--` ends the flags. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Runs one CLI invocation and returns its exit code (electron/cli/exitCodes.ts). Expected failures (GuardianError)
 * print one line on stderr with their code, or `{"error": {code, message, details?, cause?}}` on stderr with
 * --json; --verbose adds the cause chain to the line. Anything else is a bug and keeps its stack.
 */
export async function runCli(
  argv: string[],
  streams: OutputStreams,
  env: Record<string, string | undefined>,
): Promise<number> {
  const [name, ...given] = argv;
  // A script that asked for JSON gets JSON even when the command line names no verb it can run.
  const unknownVerb = (verb: string | undefined): number => {
    const message =
      verb === undefined || verb.startsWith('-')
        ? 'Name a verb first, e.g. guardian queue. Run "guardian --help" for the list.'
        : `Unknown verb "${verb}". Run "guardian --help" for the list.`;
    if (argv.includes('--json'))
      streams.stderr.write(`${JSON.stringify({ error: { code: 'INVALID_INPUT', message } })}\n`);
    else streams.stderr.write(`guardian: ${message}\n`);
    return EXIT.USAGE;
  };
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const about = name === 'help' ? given.find((a) => a !== '--json') : undefined;
    if (about !== undefined) {
      const verb = Object.hasOwn(VERBS, about) ? VERBS[about] : undefined;
      if (!verb) return unknownVerb(about);
      streams.stdout.write(verbHelp(about, verb));
      return EXIT.OK;
    }
    if (name) {
      streams.stdout.write(usage());
      return EXIT.OK;
    }
    // No verb at all is a wrong command line: the usage goes where errors go, so stdout stays empty.
    streams.stderr.write(usage());
    return EXIT.USAGE;
  }
  const entry = Object.hasOwn(VERBS, name) ? VERBS[name] : undefined;
  if (!entry) return unknownVerb(name);
  if (asksForHelp(given)) {
    streams.stdout.write(verbHelp(name, entry));
    return EXIT.OK;
  }
  const json = given.includes('--json');
  const verbose = given.includes('--verbose');
  // --verbose is the runner's, not the verb's: each verb's strict flag parsing never sees it.
  const args = given.filter((a) => a !== '--verbose');
  const ctx: CliContext = { args, out: createOutput(streams, json), streams, env };
  try {
    const verb = await entry.load();
    return await verb.run(ctx);
  } catch (error) {
    if (error instanceof GuardianError) {
      reportFailure(ctx, entry.failure ? `${name}: ${entry.failure}` : name, error, verbose);
      return EXIT_FOR_ERROR[error.code];
    }
    if (isParseArgsError(error)) {
      const negative = negativeNumberFlag(error, args);
      if (negative) {
        reportFailure(ctx, name, negative, verbose);
        return EXIT_FOR_ERROR[negative.code];
      }
      if (json)
        streams.stderr.write(`${JSON.stringify({ error: { code: 'INVALID_INPUT', message: error.message } })}\n`);
      else streams.stderr.write(`guardian ${name}: ${error.message} Run "guardian help ${name}".\n`);
      return EXIT.USAGE;
    }
    throw error;
  }
}

/** One failure, as a person or a script reads it. */
export function reportFailure(ctx: CliContext, verb: string, error: GuardianError, verbose: boolean): void {
  if (ctx.out.json) {
    ctx.streams.stderr.write(`${JSON.stringify({ error: guardianErrorJson(error) })}\n`);
    return;
  }
  ctx.streams.stderr.write(`guardian ${verb}: ${error.message} [${error.code}]\n`);
  if (verbose)
    for (const link of causeChain(error))
      ctx.streams.stderr.write(
        `  caused by ${link.name}${link.code !== undefined ? ` [${link.code}]` : ''}: ${link.message}\n`,
      );
}
