import { EXIT } from './exitCodes.js';
import { runCli } from './runCli.js';

// A reader that closed its end (`guardian queue | head -1`) took what it wanted: stop writing, quietly. The verb
// still finishes (a pull is stored whole) and exits with its own code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

try {
  process.exitCode = await runCli(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr },
    process.env,
  );
} catch (error) {
  // Not an expected failure: a bug, shown whole so it can be reported.
  process.stderr.write(
    `guardian: an unexpected error (a bug; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = EXIT.BUG;
}
