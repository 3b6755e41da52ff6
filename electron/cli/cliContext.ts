import type { Output, OutputStreams } from './output.js';

/** What a verb gets: its own arguments, where to write, and the environment (for the data directory). */
export interface CliContext {
  args: string[];
  out: Output;
  streams: OutputStreams;
  env: Record<string, string | undefined>;
}

/** A verb's code; its usage and help are in verbTable.ts, read without loading it. */
export interface Verb {
  /** Resolves to the process exit code (exitCodes.ts). */
  run(ctx: CliContext): Promise<number>;
}
