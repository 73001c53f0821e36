/**
 * Three-way merge of flat text records, for an edit that met a newer version: fields only they changed take
 * their text, fields only I changed keep mine, and fields we both changed keep mine and are reported so the
 * person can compare. Nothing either side typed is dropped silently.
 */
export function threeWay<T extends Record<string, string>>(base: T, mine: T, theirs: T) {
  const merged = { ...mine };
  const takenFromThem: (keyof T)[] = [];
  const bothChanged: (keyof T)[] = [];
  for (const key of Object.keys(base) as (keyof T)[]) {
    const b = base[key];
    const m = mine[key];
    const t = theirs[key];
    if (t === b || t === m) continue;
    if (m === b) {
      merged[key] = t;
      takenFromThem.push(key);
    } else bothChanged.push(key);
  }
  return { merged, takenFromThem, bothChanged };
}
