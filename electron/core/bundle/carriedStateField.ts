/**
 * Where in a review bundle a carried state's refusal points, from the facts the proof and header checks give
 * (verifyCarriedState, verifyAccountProof, verifyBlockHeader): the path a guardian can find in the file.
 */
export function carriedStateField(details: Record<string, unknown> | undefined): string {
  const d = details ?? {};
  const account = typeof d['account'] === 'string' ? d['account'] : undefined;
  const slot = typeof d['slot'] === 'string' ? d['slot'] : undefined;
  if (account) {
    if (d['missing'] === 'proof') return `carried.proofs[${account}]`;
    if (d['proof'] === 'accountProof') return `carried.proofs[${account}].accountProof`;
    if (slot && d['proof'] === 'storageProof') return `carried.proofs[${account}].storageProof[${slot}]`;
    if (slot) return `carried.prestate[${account}].storage[${slot}]`;
    if (typeof d['field'] === 'string') return `carried.prestate[${account}].${d['field']}`;
    return `carried.prestate[${account}]`;
  }
  if (typeof d['field'] === 'string') return `carried.block.${d['field']}`;
  if ('block' in d) return 'carried.block.hash';
  return 'carried.header';
}
