import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { approveWithOwnerSafe } from '../../core/nested/approveWithOwnerSafe.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { listPluggedLedgers } from '../../core/ledger/usbLedgerListing.js';
import { addNestedSignature } from '../../core/nested/addNestedSignature.js';
import { signNestedMessage } from '../../core/nested/signNestedMessage.js';
import type { CliContext, Verb } from '../cliContext.js';
import { DEVICE_SIGNING_FLAGS, type DeviceSigningFlags } from '../deviceSigningFlags.js';
import { withStore } from '../cliStore.js';
import { nestedPostsExit, nestedPostsJson, printNestedPosts } from '../nestedPostOutput.js';
import { exitFor, printState, stateJson } from '../nestedSignatureOutput.js';
import { EXIT } from '../exitCodes.js';
import { parseAddress, parseBigint, parseScanCount } from '../parseFlags.js';
import { parseSafeRef } from '../parseSafeRef.js';
import { waitingDeviceOpener, type SigningDevices } from '../waitingDeviceOpener.js';

/**
 * `guardian nested approve <outer> --inner <chainId:ownerSafe>`: the owner Safe approves on the chain with its
 * own approveHash transaction. `guardian nested sign <outer> --inner <chainId:ownerSafe>`: the owner Safe's
 * owners sign a SafeMessage that stands for the outer transaction, and once enough have, its contract signature
 * (v=0) is the outer confirmation. Both print both hashes, so nobody confuses what their device shows with what
 * the outer Safe will execute.
 */
export function nestedVerbWith(deps: SigningDevices): Verb {
  return {
    async run(ctx) {
      const { values, positionals } = parseArgs({
        args: ctx.args,
        options: {
          ...DEVICE_SIGNING_FLAGS,
          inner: { type: 'string' },
          nonce: { type: 'string' },
          signature: { type: 'string' },
        },
        allowPositionals: true,
      });
      const [action, target] = positionals;
      if (action !== 'approve' && action !== 'sign' && action !== 'add-signature')
        throw new GuardianError(
          'INVALID_INPUT',
          `nested takes one action, approve, sign or add-signature; got "${action ?? ''}".`,
        );
      if (!target)
        throw new GuardianError('INVALID_INPUT', 'Give the outer transaction: its safeTxHash (or a prefix of it).');
      if (!values.inner)
        throw new GuardianError(
          'INVALID_INPUT',
          `Give the owner Safe that ${action === 'approve' ? 'approves' : 'signs for'} it: --inner <chainId>:<address>.`,
        );
      if (action === 'sign') return sign(ctx, target, values, deps);
      if (action === 'add-signature') return addSignature(ctx, target, values);
      return approve(ctx, target, values);
    },
  };
}

export const nestedVerb = nestedVerbWith({
  openDevice: (path) => openLedgerDevice(path),
  listDevices: listPluggedLedgers,
});

function approve(ctx: CliContext, target: string, values: { inner?: string; nonce?: string }): Promise<number> {
  const inner = parseSafeRef(values.inner!);
  const nonce = values.nonce === undefined ? undefined : parseBigint(values.nonce, '--nonce');
  return withStore(ctx, (store) => {
    const approval = approveWithOwnerSafe(store, {
      outerSafeTxHash: target,
      ownerSafe: inner,
      ...(nonce === undefined ? {} : { nonce }),
    });
    const { outer, alreadyStored } = approval;
    const { safeTx } = approval.inner;
    const result = {
      outer,
      inner: {
        chainId: safeTx.chainId,
        safe: safeTx.safe,
        safeTxHash: approval.inner.safeTxHash,
        nonce: safeTx.nonce,
      },
      alreadyStored,
      deviceSigns: approval.inner.safeTxHash,
      outerCounts: `once the inner transaction executes, Safe ${outer.safe} holds approvedHashes(${safeTx.safe}, ${outer.safeTxHash}) and counts it as ${safeTx.safe}'s confirmation; before that it counts nothing`,
    };
    if (ctx.out.json) {
      ctx.out.data(result);
      return EXIT.OK;
    }
    ctx.out.heading(
      `${alreadyStored ? 'Already stored: the' : 'Stored the'} approval of ${outer.safe}'s transaction by its owner Safe ${safeTx.safe}`,
    );
    ctx.out.fields([
      ['outer safeTxHash', `${outer.safeTxHash}  (Safe ${outer.chainId}:${outer.safe})`],
      [
        'inner safeTxHash',
        `${approval.inner.safeTxHash}  (Safe ${safeTx.chainId}:${safeTx.safe}, nonce ${safeTx.nonce}: approveHash(outer))`,
      ],
      ['the device signs', `the inner one, ${approval.inner.safeTxHash}`],
      ['the outer quorum', result.outerCounts],
    ]);
    ctx.out.line(
      ctx.out.dim(
        `Next: guardian review ${approval.inner.safeTxHash.slice(0, 10)}, then guardian sign ${approval.inner.safeTxHash.slice(0, 10)} by ${safeTx.safe}'s owners.`,
      ),
    );
    return EXIT.OK;
  });
}

/**
 * One owner of the owner Safe signs its SafeMessage for the outer transaction on the Ledger. The device shows
 * the inner Safe's domain hash and the SafeMessage's hash, not the outer safeTxHash: both are printed, and which
 * one the device signs, so the guardian compares the right one and knows what it stands for.
 */
function sign(
  ctx: CliContext,
  target: string,
  values: DeviceSigningFlags & { inner?: string },
  devices: SigningDevices,
): Promise<number> {
  const inner = parseSafeRef(values.inner!);
  const scan = values.scan === undefined ? undefined : parseScanCount(values.scan);
  return withStore(ctx, async (store) => {
    const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
    const device = waitingDeviceOpener(ctx, devices);
    const signed = await signNestedMessage({
      store,
      openDevice: device.openDevice,
      outerSafeTxHash: target,
      innerSafe: inner.address,
      innerChainId: inner.chainId,
      ...(values.path ? { path: values.path } : {}),
      ...(scan === undefined ? {} : { scan }),
      acknowledged: values.ack ?? [],
      post: !values['no-post'],
      onProgress: (p) => {
        if (p.stage === 'reviewing')
          say(`Reviewing the outer transaction ${p.outerSafeTxHash} (a local fork, or its carried pre-state)…`);
        if (p.stage === 'awaiting-approval') {
          say("Check your Ledger and approve only if it shows the owner Safe's message (EIP-712, hashed):");
          say(`  Domain hash   ${p.compare.domainHash}`);
          say(`  Message hash  ${p.compare.messageHash}`);
          say(`  It stands for the outer safeTxHash ${p.outerSafeTxHash}.`);
        }
      },
    }).finally(() => device.stop());
    if (ctx.out.json) {
      ctx.out.data({
        ...stateJson(store, signed),
        deviceSigns: signed.hashes.innerSafeMessageHash,
        signer: signed.signer,
        path: signed.path,
        signature: signed.signature,
        posts: nestedPostsJson(signed.posts),
      });
      return exitFor(signed) || nestedPostsExit(signed.posts);
    }
    ctx.out.heading(`Signed by ${signed.signer} for the owner Safe ${signed.innerSafe}, verified and stored`);
    const code = printState(ctx, store, signed, true);
    printNestedPosts(ctx, signed.posts);
    return code || nestedPostsExit(signed.posts);
  });
}

/** `nested add-signature`: an inner owner's signature made at another station, proven here before it is kept. */
function addSignature(
  ctx: CliContext,
  target: string,
  values: { inner?: string; owner?: string; signature?: string; 'no-post'?: boolean },
): Promise<number> {
  const inner = parseSafeRef(values.inner!);
  if (!values.owner || !values.signature)
    throw new GuardianError(
      'INVALID_INPUT',
      'Give the inner owner and its signature: --owner 0x… --signature 0x… (as guardian nested sign --json printed them).',
    );
  const owner = parseAddress(values.owner, '--owner');
  const signature = values.signature;
  return withStore(ctx, async (store) => {
    const added = await addNestedSignature(store, {
      outerSafeTxHash: target,
      innerSafe: inner.address,
      innerChainId: inner.chainId,
      owner,
      signature,
      post: !values['no-post'],
    });
    if (ctx.out.json) {
      ctx.out.data({ ...stateJson(store, added), owner: added.owner, posts: nestedPostsJson(added.posts) });
      return exitFor(added) || nestedPostsExit(added.posts);
    }
    ctx.out.heading(`Kept the signature of ${added.owner} for the owner Safe ${added.innerSafe}, verified here`);
    const code = printState(ctx, store, added, false);
    printNestedPosts(ctx, added.posts);
    return code || nestedPostsExit(added.posts);
  });
}
