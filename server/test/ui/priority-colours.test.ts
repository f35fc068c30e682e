import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The six priorities each have their own badge colours in app.css, and every pair is readable: text on
 * its background at WCAG AA contrast (4.5:1), no two priorities sharing a background.
 */
const css = readFileSync(new URL('../../src/ui/client/app.css', import.meta.url), 'utf8');

function rule(selector: string): { background: string; color: string } {
  const m = new RegExp(`^\\${selector} \\{([^}]*)\\}`, 'm').exec(css);
  if (!m) throw new Error(`no rule for ${selector} of its own in app.css`);
  const prop = (name: string) => new RegExp(`(?:^|;)\\s*${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(m[1]!)?.[1];
  const background = prop('background');
  const color = prop('color');
  if (!background || !color) throw new Error(`${selector} needs a literal #rrggbb background and color`);
  return { background: background.toLowerCase(), color: color.toLowerCase() };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('priority colours', () => {
  const rules = [1, 2, 3, 4, 5, 6].map((n) => rule(`.priority-${n}`));

  it('gives each of the six priorities its own background and text colour', () => {
    expect(new Set(rules.map((r) => r.background)).size).toBe(6);
    expect(new Set(rules.map((r) => `${r.background}/${r.color}`)).size).toBe(6);
  });

  it('keeps every badge readable (WCAG AA, 4.5:1)', () => {
    for (const [i, r] of rules.entries()) expect({ priority: i + 1, ok: contrast(r.color, r.background) >= 4.5 }).toEqual({ priority: i + 1, ok: true });
  });

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});
