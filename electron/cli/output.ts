/**
 * How every verb speaks: `--json` for scripts, aligned labelled lines for people, colour only on a terminal.
 */
export interface Output {
  json: boolean;
  /** A labelled block: labels padded so values line up. */
  fields(rows: ReadonlyArray<readonly [label: string, value: string]>): void;
  line(text?: string): void;
  heading(text: string): void;
  good(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
  data(value: unknown): void;
}

export interface OutputStreams {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** JSON.stringify that writes bigints as decimal strings, the form every script expects. */
export function toJson(value: unknown): string {
  try {
    // Without a replacer JSON.stringify takes V8's fast path, not a call back for every value: a page of 1000
    // hash reports, already in decimal strings, is written in a third of the time. A bigint throws at once.
    return JSON.stringify(value, null, 2);
  } catch {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
  }
}

export function createOutput(streams: OutputStreams, json: boolean): Output {
  const colour = Boolean(streams.stdout.isTTY) && !process.env['NO_COLOR'];
  const paint = (code: string) => (text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out = (s: string) => streams.stdout.write(s);
  return {
    json,
    fields(rows) {
      const width = Math.max(0, ...rows.map(([label]) => label.length));
      for (const [label, value] of rows) out(`${paint('2')(label.padEnd(width))}  ${value}\n`);
    },
    line(text = '') {
      out(`${text}\n`);
    },
    heading(text) {
      out(`${paint('1')(text)}\n`);
    },
    good: paint('32'),
    bad: paint('31;1'),
    dim: paint('2'),
    data(value) {
      out(`${toJson(value)}\n`);
    },
  };
}

/**
 * Runs `print` with what it writes to stdout held, then writes it as one: a page of a thousand hash reports made
 * twenty thousand writes, each a system call when stdout is a file or a pipe. Colour as stdout itself decides.
 */
export function printedAtOnce(streams: OutputStreams, json: boolean, print: (out: Output) => void): void {
  const parts: string[] = [];
  const held = { write: (s: string) => parts.push(s), isTTY: streams.stdout.isTTY };
  print(createOutput({ stdout: held, stderr: streams.stderr }, json));
  if (parts.length > 0) streams.stdout.write(parts.join(''));
}
