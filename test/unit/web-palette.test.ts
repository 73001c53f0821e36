/**
 * The web app's colours (issue 11, point 5: dark mode following the system setting). Every colour is a role
 * variable set once for the light scheme and once under `prefers-color-scheme: dark`; no rule and no component
 * names a colour of its own (so a new rule cannot be right in one scheme and unreadable in the other); and the
 * pairs the stylesheet puts together hold WCAG AA in both schemes: 4.5:1 for text, 3:1 for focus rings,
 * control borders and chart marks (WCAG 1.4.3 and 1.4.11). The browser journey (test/e2e/dark.test.ts) runs
 * axe on the rendered pages as well; this checks every pair, including those no sample page happens to show.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'web');
const css = readFileSync(join(WEB, 'src', 'styles.css'), 'utf8');

/** The declarations of the first `:root { … }` block at or after `from`, and where that block ends. */
function rootBlock(from: number): { vars: Map<string, string>; start: number; end: number } {
  const start = css.indexOf(':root {', from);
  assert.ok(start >= 0, 'a :root block');
  const end = css.indexOf('}', start);
  const vars = new Map<string, string>();
  for (const m of css.slice(start, end).matchAll(/(--[a-z0-9-]+):\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  return { vars, start, end };
}

const light = rootBlock(0);
const media = css.indexOf('@media (prefers-color-scheme: dark)');
assert.ok(media > light.end, 'the dark palette follows the light one');
const dark = rootBlock(media);
const darkVars = new Map([...light.vars, ...dark.vars]);

const COLOUR =
  /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(|(?<![\w-])(?:white|black|gr[ae]y|red|green|blue)(?![\w-])/i;

type Rgba = [number, number, number, number];

function parse(value: string): Rgba {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const n = Number.parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgba = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)$/.exec(value);
  assert.ok(rgba, `a colour written as #rrggbb or rgba(): ${value}`);
  return [Number(rgba[1]), Number(rgba[2]), Number(rgba[3]), Number(rgba[4])];
}

/** A colour seen over an opaque one (a translucent hover tint on the header). */
const over = (top: Rgba, under: Rgba): Rgba => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as Rgba;
};

const luminance = ([r, g, b]: Rgba) => {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
};

const ratio = (a: Rgba, b: Rgba) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** [foreground, background (with a tint laid over it when given), minimum ratio] */
type Pair = [string, string | [tint: string, base: string], number];
const TEXT = 4.5;
const NON_TEXT = 3;
const SURFACES = ['surface', 'surface-raised', 'surface-sunken', 'surface-subtle', 'surface-hover'];
const TINTS = ['warning-bg', 'danger-bg', 'info-bg', 'success-bg', 'border-subtle'];
const STAGES = ['discovery', 'validation', 'realization', 'launched', 'parked', 'killed'];
const HEATS = ['heat-1', 'heat-2', 'heat-3', 'heat-4', 'heat-5'];
const CHARTS = ['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5', 'chart-6'];

const PAIRS: Pair[] = [
  ...['text', 'text-muted', 'link'].flatMap((fg) => [...SURFACES, ...TINTS].map((bg): Pair => [fg, bg, TEXT])),
  ...HEATS.map((bg): Pair => ['text', bg, TEXT]),
  ...['success', 'warning', 'danger', 'critical', 'info', 'ai'].flatMap((fg) =>
    ['surface', 'surface-raised', 'surface-subtle'].map((bg): Pair => [fg, bg, TEXT]),
  ),
  ['danger', 'danger-bg', TEXT],
  ['warning', 'warning-bg', TEXT],
  ['success', 'success-bg', TEXT],
  ...STAGES.map((s): Pair => [`stage-${s}-text`, `stage-${s}-bg`, TEXT]),
  // Fills and the text on them.
  ['accent-text', 'accent', TEXT],
  ['accent-text', 'accent-hover', TEXT],
  ['danger-fill-text', 'danger-fill', TEXT],
  ['danger-fill-text', 'danger-fill-hover', TEXT],
  ['inverse-text', 'inverse-surface', TEXT],
  ['header-text', 'header', TEXT],
  ['header-text', ['header-hover-strong', 'header'], TEXT],
  ['header', 'header-text', TEXT],
  ...STAGES.map((s): Pair => ['on-chart', `stage-${s}`, TEXT]),
  // Charts: labels as text, marks and axes as graphics.
  ['chart-text', 'chart-plot', TEXT],
  ['chart-text', 'surface-raised', TEXT],
  ['chart-axis', 'chart-plot', NON_TEXT],
  ...CHARTS.map((c): Pair => [c, 'surface-raised', NON_TEXT]),
  ...STAGES.map((s): Pair => [`stage-${s}`, 'chart-plot', NON_TEXT]),
  // The focus ring and form controls' edges.
  ...['surface', 'surface-raised', 'surface-sunken', 'surface-subtle'].map((bg): Pair => ['focus', bg, NON_TEXT]),
  ['focus-on-header', 'header', NON_TEXT],
  ['border-control', 'surface-raised', NON_TEXT],
];

describe('web palette', () => {
  test('the dark scheme sets every colour the light one does, and form controls follow it', () => {
    const colours = [...light.vars].filter(([, v]) => COLOUR.test(v)).map(([k]) => k);
    assert.ok(colours.length > 50, `the light palette has ${colours.length} colours`);
    assert.deepEqual(
      colours.filter((k) => !dark.vars.has(k)),
      [],
      'colours the dark scheme leaves at their light value',
    );
    assert.deepEqual(
      [...dark.vars.keys()].filter((k) => !light.vars.has(k)),
      [],
      'dark-only variables',
    );
    assert.match(css.slice(light.start, light.end), /color-scheme:\s*light dark;/);
    assert.match(readFileSync(join(WEB, 'index.html'), 'utf8'), /<meta name="color-scheme" content="light dark"/);
  });

  test('no rule outside the two palettes names a colour, and every variable used is defined', () => {
    const rules = css.slice(0, light.start) + css.slice(light.end, media) + css.slice(dark.end + 1);
    const stray = rules
      .split('\n')
      .map((line) => line.replace(/\/\*.*?\*\//g, ''))
      .filter((line) => COLOUR.test(line));
    assert.deepEqual(stray, [], 'colours written into rules: give them a role in the palette');
    const defined = new Set([...css.matchAll(/(--[a-z0-9-]+):/g)].map((m) => m[1]!));
    const used = new Set([...css.matchAll(/var\((--[a-z0-9-]+)\)/g)].map((m) => m[1]!));
    assert.deepEqual(
      [...used].filter((v) => !defined.has(v)),
      [],
      'variables used and never set',
    );
  });

  test('no component writes a colour inline (charts and swatches take theirs from the stylesheet)', () => {
    const files = readdirSync(join(WEB, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    assert.ok(files.length > 20);
    const found = files.flatMap((f) =>
      readFileSync(join(WEB, 'src', f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b(?!\w)|\brgba?\(/i.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    assert.deepEqual(found, []);
  });

  for (const [scheme, vars] of [
    ['light', light.vars],
    ['dark', darkVars],
  ] as const) {
    test(`text, fills, charts and focus hold WCAG AA contrast in the ${scheme} scheme`, () => {
      const colour = (name: string) => {
        const v = vars.get(`--${name}`);
        assert.ok(v, `--${name} is not set`);
        return parse(v);
      };
      const failures: string[] = [];
      for (const [fg, bg, min] of PAIRS) {
        const base = Array.isArray(bg) ? over(colour(bg[0]), colour(bg[1])) : colour(bg);
        const r = ratio(over(colour(fg), base), base);
        if (r < min)
          failures.push(`--${fg} on --${Array.isArray(bg) ? bg.join(' over --') : bg}: ${r.toFixed(2)} < ${min}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
