import { describe, expect, it } from 'vitest';
import { ETH_APP_MIN_VERSION } from './ethAppVersion.js';
import { modelSigningModes } from './modelSigningModes.js';

describe('modelSigningModes', () => {
  it('says the Nano S never shows the fields, and from which app version the others do', () => {
    const rows = Object.fromEntries(modelSigningModes().map((r) => [r.model, r]));
    expect(rows['Nano S']).toMatchObject({ full: 'never: hashed mode only', caveat: expect.stringMatching(/1\.5\.0/) });
    expect(rows['Nano X']!.full).toBe(`Ethereum app ${ETH_APP_MIN_VERSION.eip712Full} or later`);
    expect(rows['Nano S Plus']!.full).toBe(`Ethereum app ${ETH_APP_MIN_VERSION.eip712Full} or later`);
    expect(rows['Stax']!.full).toBe('every Ethereum app it runs');
    expect(rows['Flex']!.full).toBe('every Ethereum app it runs');
    for (const r of Object.values(rows))
      expect(r.hashed).toBe(`Ethereum app ${ETH_APP_MIN_VERSION.eip712Hashed} or later`);
  });
});
