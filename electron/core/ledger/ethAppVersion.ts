/**
 * What each Ethereum app version can do, from app-ethereum's doc/ethapp.adoc version history:
 * SIGN ETH EIP 712 with domain and message hashes (v0, "hashed") arrived in 1.5.0; the full implementation,
 * where the device receives the struct definitions and values and hashes them itself, in 1.9.19.
 */
export const ETH_APP_MIN_VERSION = {
  eip712Hashed: '1.5.0',
  eip712Full: '1.9.19',
} as const;

/** Compares dotted versions numerically ("1.10.0" > "1.9.19"); a pre-release suffix is ignored. */
export function compareAppVersions(a: string, b: string): number {
  const parse = (v: string): number[] =>
    v
      .split('-')[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function appVersionAtLeast(version: string, minimum: string): boolean {
  return compareAppVersions(version, minimum) >= 0;
}
