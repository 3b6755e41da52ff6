/** A compiler storage layout (solc's storageLayout output). */
export interface StorageLayout {
  storage: Array<{ label: string; slot: string; offset: number; type: string }>;
  types: Record<string, { label: string; encoding?: string; numberOfBytes?: string }> | null;
}

/**
 * Where a new implementation would read an old variable from a different place. Every variable of the old
 * layout must keep its slot, offset and type in the new one; appending is the only safe change.
 */
export function storageLayoutClashes(oldLayout: StorageLayout, newLayout: StorageLayout): string[] {
  const typeLabel = (layout: StorageLayout, type: string) => layout.types?.[type]?.label ?? type;
  const clashes: string[] = [];
  for (const old of oldLayout.storage) {
    const same = newLayout.storage.find((v) => v.slot === old.slot && v.offset === old.offset);
    if (!same) clashes.push(`${old.label} (slot ${old.slot}) has no variable at its place in the new implementation`);
    else if (same.label !== old.label || typeLabel(newLayout, same.type) !== typeLabel(oldLayout, old.type)) {
      clashes.push(
        `slot ${old.slot}: ${old.label} (${typeLabel(oldLayout, old.type)}) becomes ${same.label} (${typeLabel(newLayout, same.type)})`,
      );
    }
  }
  return clashes;
}
