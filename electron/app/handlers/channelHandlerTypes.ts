import type { z } from 'zod';
import type { Channel } from '../../ipc/channels.js';
import type { contract, Response } from '../../ipc/contract.js';

/** Each handler receives its request already parsed by the contract (bigints, checksummed addresses). */
export type ChannelHandlers = {
  [C in Channel]: (request: z.output<(typeof contract)[C]['request']>) => Promise<Response<C>> | Response<C>;
};

/** The handlers for one screen's part of the contract (queueContract, signContract...): exactly its channels. */
export type HandlersOf<Part> = Pick<ChannelHandlers, keyof Part & Channel>;
