/** Bumped whenever the method's data changes meaning; stored with every workspace that customises it. */
export const METHODOLOGY_VERSION = '2026.11.3';

/**
 * Where a piece of the method comes from. `method`: named by the product-leadership method Vetted follows
 * (and confirmed by public sources). `vetted`: Vetted's own wording or design, to be replaced freely.
 */
export type Origin = 'method' | 'vetted';
