import { checksumAddress } from '../primitives/checksumAddress.js';

/** Names for addresses a guardian knows: the Safe, its owners, registered contracts, Safe deployments. */
export class AddressBook {
  private readonly names = new Map<string, string>();

  add(address: string, name: string): this {
    const key = address.toLowerCase();
    if (!this.names.has(key)) this.names.set(key, name);
    return this;
  }

  nameOf(address: string): string | null {
    return this.names.get(address.toLowerCase()) ?? null;
  }

  /** Every named address, lower-case, with its name: what a look-alike is compared against. */
  entries(): IterableIterator<[string, string]> {
    return this.names.entries();
  }

  has(address: string): boolean {
    return this.names.has(address.toLowerCase());
  }

  /** "Vault (0x1234…abcd)" or the checksummed address when unknown. */
  label(address: string): string {
    const name = this.nameOf(address);
    const checksummed = checksumAddress(address);
    return name ? `${name} (${checksummed.slice(0, 6)}…${checksummed.slice(-4)})` : checksummed;
  }
}
