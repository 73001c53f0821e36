import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Compile, type Validator } from 'typebox/compile';
import { Portfolio } from '../schema/opportunity.ts';

/**
 * The sample portfolio: Tollvane, a fictional transport-management software company, and its idea pipeline
 * in the portfolio file format. Used by `--demo-if-empty`, the documentation and the tests.
 */
export const samplePortfolioPath: string = fileURLToPath(new URL('./portfolio.json', import.meta.url));

/** The sample's workspace, as its file names it (a unit test keeps the two equal). */
export const SAMPLE_SLUG = 'tollvane-product';

/** How many schema violations a loading error lists before it says "and N more". */
const SHOWN_VIOLATIONS = 5;

let validator: Validator<Record<string, never>, typeof Portfolio> | undefined;

/**
 * Reads a portfolio file (by default the sample), parses it and checks it against the `Portfolio` schema.
 * Throws an Error naming the file and the first few violations (JSON pointer and message) when it is not valid.
 */
export function loadSamplePortfolio(path: string = samplePortfolioPath): Portfolio {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the portfolio ${path}: ${(error as Error).message}`);
  }
  validator ??= Compile(Portfolio);
  if (validator.Check(data)) return data;
  const errors = validator.Errors(data);
  const shown = errors.slice(0, SHOWN_VIOLATIONS).map((e) => `  ${e.instancePath || '/'}: ${e.message}`);
  const more = errors.length > SHOWN_VIOLATIONS ? [`  … and ${errors.length - SHOWN_VIOLATIONS} more`] : [];
  throw new Error(
    [`The portfolio ${path} is not a valid ${Portfolio.properties.format.const} file:`, ...shown, ...more].join('\n'),
  );
}
