import type { Output, OutputStreams } from './output.js';

/** What a verb gets: its own arguments, where to write, and the environment (for the data directory). */
export interface CliContext {
  args: string[];
  out: Output;
  streams: OutputStreams;
  env: Record<string, string | undefined>;
}

export interface Verb {
  /** e.g. "hashes <safeTxHash|file>" */
  usage: string;
  summary: string;
  /** Resolves to the process exit code. */
  run(ctx: CliContext): Promise<number>;
}
