import type { ErrorObject } from 'ajv';

const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const refusal = (instancePath: string, message: string): ErrorObject => ({
  instancePath,
  schemaPath: '#',
  keyword: 'storable',
  params: {},
  message,
});

/** Deeper than any shape we accept; a limit the input cannot push a recursion past. */
export const MAX_DEPTH = 32;
/** One complaint per field is useful; a million identical ones are not. */
const MAX_REFUSALS = 20;
/** A UTF-16 surrogate not paired with its other half: `\p{Cs}` matches only those in u-mode. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored, or null when it can. */
export const badText = (s: string): string | null =>
  s.includes('\u0000')
    ? 'must not contain U+0000'
    : LONE_SURROGATE.test(s)
      ? 'must be valid Unicode (it contains a lone surrogate, e.g. \\ud800)'
      : null;

/**
 * What JSON can carry but the database cannot keep, refused per field like any other invalid input,
 * before a schema or a query sees it: U+0000 and lone surrogates in text (PostgreSQL refuses both in
 * jsonb and silently replaces the second in text columns: one rule for every field), numbers beyond
 * double range (JSON.parse makes them Infinity) and nesting deeper than any shape we accept. The walk
 * keeps its own stack, so no input can drive it into a stack overflow.
 */
export function unstorable(value: unknown): ErrorObject[] {
  const refused: ErrorObject[] = [];
  const todo: [unknown, string, number][] = [[value, '', 0]];
  while (todo.length && refused.length < MAX_REFUSALS) {
    const [v, path, depth] = todo.pop()!;
    if (typeof v === 'string') {
      const why = badText(v);
      if (why) refused.push(refusal(path, why));
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) refused.push(refusal(path, 'must be a finite number'));
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_DEPTH) {
        refused.push(refusal(path, `is nested too deeply (more than ${MAX_DEPTH} levels)`));
        continue;
      }
      const children: [unknown, string, number][] = [];
      if (Array.isArray(v)) for (const [i, c] of v.entries()) children.push([c, `${path}/${i}`, depth + 1]);
      else
        for (const [k, c] of Object.entries(v)) {
          const why = badText(k);
          if (why) refused.push(refusal(`${path}/${pointer(k)}`, `has an invalid name: it ${why}`));
          children.push([c, `${path}/${pointer(k)}`, depth + 1]);
        }
      // Reversed, so fields are reported in the order they were sent.
      for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]!);
    }
  }
  return refused;
}
