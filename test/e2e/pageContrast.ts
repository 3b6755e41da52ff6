import type { Page } from 'playwright-core';

/** A piece of text drawn below WCAG AA against what it is painted on, as the browser computed both colours. */
export interface ContrastShortfall {
  text: string;
  where: string;
  colour: string;
  background: string;
  ratio: number;
  needed: number;
}

/**
 * Every visible piece of text on the page whose computed colour, composited over the backgrounds it sits on (its
 * own and its ancestors', with their alpha and opacity), falls below AA: 4.5:1, or 3:1 for large text. Disabled
 * controls are left out, as WCAG 1.4.3 leaves them out. Reads what the page drew, not what the stylesheet meant.
 */
export function contrastShortfalls(page: Page): Promise<ContrastShortfall[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d')!;
    /** Any CSS colour the browser computes (rgb(), color(srgb …), oklch…) as sRGB 0–255 with alpha 0–1. */
    const parse = (css: string): Rgba => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = '#000';
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba) =>
      [r, g, b]
        .map((c) => c / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
    /** What the element's text is painted on: the backgrounds from the root down, each over the last. */
    const backdrop = (el: Element): Rgba => {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
      let under: Rgba = canvas[3] === 1 ? canvas : [255, 255, 255, 1];
      for (const e of chain) {
        const style = getComputedStyle(e);
        const bg = parse(style.backgroundColor);
        if (bg[3] > 0) under = over(bg, under);
      }
      return under;
    };
    const opacity = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
      return o;
    };
    const shortfalls: ContrastShortfall[] = [];
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.textContent?.trim()) continue;
      seen.add(el);
      if (el.closest('button:disabled, fieldset:disabled, [aria-disabled=true], input:disabled')) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || box.width === 0 || box.height === 0) continue;
      const under = backdrop(el);
      const fg = parse(style.color);
      const colour = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], under);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
      const needed = large ? 3 : 4.5;
      const r = ratio(colour, under);
      if (r < needed) {
        const hex = (c: Rgba) =>
          '#' +
          c
            .slice(0, 3)
            .map((v) => Math.round(v).toString(16).padStart(2, '0'))
            .join('');
        const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
        shortfalls.push({
          text: node.textContent.trim().slice(0, 60),
          where: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${testId ? ` in ${testId}` : ''}`,
          colour: hex(colour),
          background: hex(under),
          ratio: Math.round(r * 100) / 100,
          needed,
        });
      }
    }
    return shortfalls;
  });
}
