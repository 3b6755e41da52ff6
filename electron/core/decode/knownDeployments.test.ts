import { describe, expect, it } from 'vitest';
import { knownMultiSendAddresses } from './knownMultiSend.js';
import { knownSafeDeployments } from './knownSafeDeployments.js';

describe('known Safe deployments', () => {
  it('knows the official MultiSendCallOnly 1.4.1 on mainnet, and the extra addresses given', () => {
    const known = knownMultiSendAddresses(1n, ['0xAbCdEf0000000000000000000000000000000001']);
    expect(known.has('0x9641d764fc13c8b624c04430c7356c1c7c8102e2')).toBe(true);
    expect(known.has('0xabcdef0000000000000000000000000000000001')).toBe(true);
    expect(known.has('0x0000000000000000000000000000000000000001')).toBe(false);
  });

  it('names singletons and handlers by kind and version, and knows nothing on the local test chain, where Safe publishes no deployment', () => {
    const names = knownSafeDeployments(1n);
    expect(names.get('0x41675c099f32341bf84bfc5382af534df5c7461a')).toBe('Safe singleton 1.4.1');
    expect(names.get('0xfd0732dc9e303f09fcef3a7388ad10a83459ec99')).toBe('Safe CompatibilityFallbackHandler 1.4.1');
    expect(knownSafeDeployments(31337n).size).toBe(0);
  });
});
