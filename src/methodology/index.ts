/**
 * The methodology as data: the one place where stages, dimensions, templates and calibration live.
 * See docs/methodology.md for what each part means and where it comes from.
 */
export * from './dimensions.ts';
export * from './documents.ts';
export * from './economics.ts';
export * from './evidence.ts';
export * from './framing.ts';
export * from './growth.ts';
export * from './mvp.ts';
export * from './pmf.ts';
export * from './scoring.ts';
export * from './stages.ts';
export * from './strategy.ts';
export * from './traits.ts';
export * from './version.ts';
export * from './weaknesses.ts';
