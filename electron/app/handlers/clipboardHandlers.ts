import { GuardianError } from '../../core/errors.js';
import { checksumAddress } from '../../core/primitives/checksumAddress.js';
import type { clipboardContract } from '../../ipc/clipboardContract.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function clipboardHandlers({
  services,
  shownAddresses,
}: Pick<HandlerContext, 'services' | 'shownAddresses'>): HandlersOf<typeof clipboardContract> {
  return {
    'clipboard.writeHash': (request) => {
      if (
        'address' in request &&
        !shownAddresses.get(request.safeTxHash.toLowerCase())?.has(request.address.toLowerCase())
      ) {
        throw new GuardianError('INVALID_INPUT', "Only an address this transaction's review showed can be copied.");
      }
      services.clipboard.writeText('address' in request ? checksumAddress(request.address) : request.text);
      return { written: true as const };
    },
  };
}
