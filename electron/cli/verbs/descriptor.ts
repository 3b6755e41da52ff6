import { parseArgs } from 'node:util';
import { readDescriptorFile } from '../../core/decode/erc7730/readDescriptorFile.js';
import type { TrustedDescriptor } from '../../core/decode/erc7730/trustedDescriptors.js';
import { GuardianError } from '../../core/errors.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';

function summary(t: TrustedDescriptor) {
  return {
    owner: t.descriptor.owner,
    deployments: t.descriptor.deployments.map((d) => `${d.chainId}:${d.address}`),
    functions: [...t.descriptor.formats.values()].map((f) => ({ signature: f.signature, intent: f.intent })),
    ...t.provenance,
  };
}

export const descriptorVerb: Verb = {
  async run(ctx) {
    const { positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    const [action, file] = positionals;
    if (action === 'add' && file) {
      const read = readDescriptorFile(file);
      const saved = await withStore(ctx, (store) => store.saveDescriptor(read));
      if (ctx.out.json) ctx.out.data(summary(saved));
      else
        ctx.out.line(
          ctx.out.good(
            `Trusted the ERC-7730 descriptor of ${saved.descriptor.owner} (sha256 ${saved.provenance.sha256}, added ${saved.provenance.addedAt}) for ${summary(saved).deployments.join(', ')}: ${saved.descriptor.formats.size} function(s).`,
          ),
        );
      return 0;
    }
    if (action === 'list') {
      const list = await withStore(ctx, (store) => store.listDescriptors());
      if (ctx.out.json) ctx.out.data(list.map(summary));
      else
        for (const t of list)
          ctx.out.fields([
            ['Owner', t.descriptor.owner],
            ['Deployments', summary(t).deployments.join(', ')],
            ['File', t.provenance.file],
            ['sha256', t.provenance.sha256],
            ['Added', `${t.provenance.addedAt} by ${t.provenance.addedBy}`],
          ]);
      return 0;
    }
    throw new GuardianError(
      'INVALID_INPUT',
      'Use: guardian descriptor add <descriptor.json> | guardian descriptor list',
    );
  },
};
