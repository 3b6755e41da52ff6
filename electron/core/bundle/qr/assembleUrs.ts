import { UR, URDecoder } from '@ngraveio/bc-ur';
import { createRequire } from 'node:module';
import type { FountainEncoderPart as FountainPart } from '@ngraveio/bc-ur/dist/fountainEncoder.js';
import type bytewordsModule from '@ngraveio/bc-ur/dist/bytewords.js';
import { GuardianError } from '../../errors.js';

// bc-ur exports only its UR classes; a part's header (which message it belongs to) is read with its own parsers,
// loaded as the CommonJS they are so that Node and the bundlers agree on their default export.
const require = createRequire(import.meta.url);
const bytewords = (require('@ngraveio/bc-ur/dist/bytewords.js') as { default: typeof bytewordsModule }).default;
const { FountainEncoderPart } = require('@ngraveio/bc-ur/dist/fountainEncoder.js') as {
  FountainEncoderPart: typeof FountainPart;
};

/** One scanned or pasted UR string and where it came from (a picture, a line of a file), for error messages. */
export interface UrText {
  text: string;
  source: string;
}

export interface AssembledUrs {
  urs: Array<{ ur: UR; source: string }>;
  /** Each string or animated code that does not make a whole UR, with the reason; the rest still count. */
  refused: GuardianError[];
}

/**
 * Whole URs from single-part strings and from the parts of animated (fountain-coded) ones, in any order and
 * mixed: parts are grouped by the message they belong to (its length and CRC32, as each part states them), so
 * several animated codes can be read from one set of pictures. A part whose checksum fails is refused alone.
 */
export function assembleUrs(texts: readonly UrText[]): AssembledUrs {
  const urs: AssembledUrs['urs'] = [];
  const refused: GuardianError[] = [];
  const groups = new Map<string, { decoder: URDecoder; sources: string[]; seen: Set<string> }>();
  for (const { text, source } of texts) {
    const message = text.trim().toLowerCase();
    try {
      const [type, components] = parseUr(message, source);
      if (components.length === 1) {
        urs.push({ ur: URDecoder.decode(message), source });
        continue;
      }
      const part = FountainEncoderPart.fromCBOR(bytewords.decode(components[1]!, bytewords.STYLES.MINIMAL));
      const key = `${type}/${part.seqLength}/${part.messageLength}/${part.checksum}`;
      const group = groups.get(key) ?? { decoder: new URDecoder(), sources: [], seen: new Set<string>() };
      groups.set(key, group);
      if (group.seen.has(message)) continue;
      group.seen.add(message);
      group.sources.push(source);
      if (!group.decoder.receivePart(message))
        throw new GuardianError('INVALID_FILE', `${source} is a part that does not fit the animated code it names.`);
    } catch (cause) {
      refused.push(
        cause instanceof GuardianError
          ? cause
          : new GuardianError(
              'INVALID_FILE',
              `${source} is a damaged UR (${cause instanceof Error ? cause.message : String(cause)}): scan or copy it again.`,
              { cause },
            ),
      );
    }
  }
  for (const { decoder, sources } of groups.values()) {
    const named = sources.join(', ');
    if (decoder.isSuccess()) urs.push({ ur: decoder.resultUR(), source: named });
    else if (decoder.isError())
      refused.push(
        new GuardianError(
          'INVALID_FILE',
          `The animated code in ${named} does not reassemble (${decoder.resultError()}): scan it again.`,
        ),
      );
    else
      refused.push(
        new GuardianError(
          'INVALID_FILE',
          `The animated code in ${named} is incomplete: ${decoder.receivedPartIndexes().length} of its ${decoder.expectedPartCount()} parts were read. Scan the missing frames too.`,
          {
            details: {
              received: decoder.receivedPartIndexes().map((i) => i + 1),
              expected: decoder.expectedPartCount(),
            },
          },
        ),
      );
  }
  return { urs, refused };
}

function parseUr(message: string, source: string): [string, string[]] {
  if (!message.startsWith('ur:'))
    throw new GuardianError('INVALID_FILE', `${source} is not a UR (it does not start with "ur:").`);
  try {
    return URDecoder.parse(message);
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `${source} is not a well-formed UR: scan or copy it again.`, { cause });
  }
}
