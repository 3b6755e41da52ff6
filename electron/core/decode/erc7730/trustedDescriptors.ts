import type { DescriptorFormat, Erc7730Descriptor } from './erc7730Descriptor.js';

/** Where a descriptor came from: the file the guardian added, its content's SHA-256, when, and by whom. */
export interface DescriptorProvenance {
  file: string;
  sha256: string;
  addedAt: string;
  /** "local" for one added on this machine; "shipped" for those the console carries. */
  addedBy: string;
}

export interface TrustedDescriptor {
  descriptor: Erc7730Descriptor;
  provenance: DescriptorProvenance;
}

export interface DescriptorMatch {
  trusted: TrustedDescriptor;
  format: DescriptorFormat;
  /** What the review says decoded the call: the owner, the content hash and when it was trusted. */
  source: string;
}

export function descriptorSourceText(t: TrustedDescriptor): string {
  return `ERC-7730 descriptor ${t.descriptor.owner} (sha256 ${t.provenance.sha256.slice(0, 12)}…, added ${t.provenance.addedAt} by ${t.provenance.addedBy})`;
}

/**
 * The descriptors that apply to one call: those listing this chain and address among their deployments, or, for
 * the shipped Safe descriptor (no deployments), a call from the Safe to itself. The address is the trust: a
 * descriptor says what a function means on the contracts it names, never on a contract that merely shares a
 * selector (the same reason a registered ABI is tied to its address).
 */
export function findDescriptor(
  list: readonly TrustedDescriptor[],
  chainId: bigint,
  safe: string,
  to: string,
  selector: string,
): DescriptorMatch | null {
  const target = to.toLowerCase();
  for (const trusted of list) {
    const { deployments, formats } = trusted.descriptor;
    const covers =
      deployments.length === 0
        ? target === safe.toLowerCase()
        : deployments.some((d) => d.chainId === chainId && d.address.toLowerCase() === target);
    const format = covers ? formats.get(selector.toLowerCase()) : undefined;
    if (format) return { trusted, format, source: descriptorSourceText(trusted) };
  }
  return null;
}
