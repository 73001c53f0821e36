/** Leadership growth: pure rules over the traits, 360 cycles, plans, ladders and pulses. */
export * from './insights.ts';
export * from './ladder.ts';
export * from './plan.ts';
export * from './pulse.ts';
export * from './ratings.ts';
export * from './trend.ts';
