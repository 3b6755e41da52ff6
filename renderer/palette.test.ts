import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrastRatio.js';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

/** The custom properties declared in one block of the stylesheet. */
function variables(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]),
  );
}

const light = variables(css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...variables(css.slice(darkStart, css.indexOf('\n}\n', darkStart))) };

/** Text (4.5:1) and graphics a person must see (3:1), as the stylesheet pairs them: foreground, background. */
const TEXT: Array<[string, string]> = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['text-2', 'surface'],
  ['text-2', 'surface-2'],
  ['text', 'row-selected'],
  ['text', 'row-hover'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['on-accent', 'accent'],
  ['on-accent', 'accent-hover'],
  ['on-accent', 'accent-disabled'],
  ['critical-fg', 'critical-bg'],
  ['critical-fg', 'surface'],
  ['critical-fg', 'bg'],
  ['high-fg', 'high-bg'],
  ['high-fg', 'surface'],
  ['medium-fg', 'medium-bg'],
  ['medium-fg', 'surface'],
  ['ok-fg', 'ok-bg'],
  ['ok-fg', 'surface'],
  ['ok-fg', 'bg'],
  ['info-fg', 'info-bg'],
];
const GRAPHICS: Array<[string, string]> = [
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['accent', 'surface'],
  ['bar-neutral', 'surface'],
  ['bar-out', 'surface'],
  ['bar-in', 'surface'],
  ['step-line', 'bg'],
  ['step-line', 'surface'],
  ['border', 'surface'],
];

describe('the palette', () => {
  it('computes WCAG contrast as the spec does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // The pending stepper label of before: #9a9a94 on white, 2.8:1, under AA.
    expect(contrastRatio('#9a9a94', '#ffffff')).toBeCloseTo(2.8, 1);
  });

  for (const [scheme, palette] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`holds every text at AA (4.5:1) and every graphic at 3:1 in the ${scheme} scheme`, () => {
      const short: string[] = [];
      for (const [minimum, pairs] of [
        [4.5, TEXT],
        [3, GRAPHICS],
      ] as const) {
        for (const [fg, bg] of pairs) {
          expect(palette[fg], `--${fg}`).toMatch(/^#/);
          expect(palette[bg], `--${bg}`).toMatch(/^#/);
          const ratio = contrastRatio(palette[fg]!, palette[bg]!);
          if (ratio < minimum) short.push(`--${fg} on --${bg}: ${ratio.toFixed(2)}:1`);
        }
      }
      expect(short).toEqual([]);
    });
  }

  it('gives the dark scheme its own value for every colour', () => {
    const own = variables(css.slice(darkStart, css.indexOf('\n}\n', darkStart)));
    expect(Object.keys(own).sort()).toEqual(Object.keys(light).sort());
  });

  it('writes no colour outside the palette', () => {
    const rules = css.slice(css.indexOf('\n}\n', darkStart));
    expect(rules.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([]);
  });
});
