import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Interface } from 'ethers';
import { GuardianError } from '../../core/errors.js';
import { readJsonFile } from '../../core/input/jsonFile.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { parseSafeRef } from '../parseSafeRef.js';

/** An ABI file is either a bare JSON ABI array or an artifact with an `abi` field (hardhat, foundry, contracts/). */
function readAbi(path: string): { abi: unknown[]; name: string } {
  const json = readJsonFile(path);
  // `null` and numbers are JSON too: only an object can be an artifact.
  const record = (typeof json === 'object' && json !== null ? json : {}) as { abi?: unknown; contractName?: unknown };
  const abi = Array.isArray(json) ? json : record.abi;
  if (!Array.isArray(abi))
    throw new GuardianError(
      'INVALID_FILE',
      `${path} holds no ABI: expected a JSON array, or an object with an "abi" array.`,
    );
  let iface: Interface;
  try {
    iface = new Interface(abi as never);
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `${path} is not a valid ABI: ${(cause as Error).message}`, { cause });
  }
  // A registered ABI is there to name calls and logs; one with neither would decode nothing yet look registered.
  if (iface.fragments.every((f) => f.type !== 'function' && f.type !== 'event'))
    throw new GuardianError(
      'INVALID_FILE',
      `${path} holds an ABI with no functions and no events (${abi.length === 0 ? 'it is empty' : `only ${abi.length} other entries`}): it would decode nothing.`,
    );
  return {
    abi,
    name: typeof record.contractName === 'string' ? record.contractName : basename(path).replace(/\.json$/i, ''),
  };
}

export const abiVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, name: { type: 'string' } },
      allowPositionals: true,
    });
    const [action, ref, file] = positionals;
    if (action !== 'add' || !file)
      throw new GuardianError('INVALID_INPUT', 'Use: guardian abi add <chainId>:<address> <abi.json>');
    const { chainId, address } = parseSafeRef(ref);
    const { abi, name } = readAbi(file);
    const label = values.name ?? name;
    await withStore(ctx, (store) => store.saveAbi({ chainId, address, name: label, abi }));
    if (ctx.out.json)
      ctx.out.data({
        chainId,
        address,
        name: label,
        functions: abi.filter((f) => (f as { type?: string }).type === 'function').length,
      });
    else ctx.out.line(ctx.out.good(`Registered ${label} at ${chainId}:${address} (${abi.length} ABI entries).`));
    return 0;
  },
};
