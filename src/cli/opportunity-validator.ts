import type { ValidateFunction } from 'ajv';
import { Opportunity } from '../schema/opportunity.ts';
import { strictAjv } from '../schema/validate.ts';

/**
 * The opportunity file's validator, for `vetted challenge --file`: the API's own Ajv, compiled here on first
 * use. The build (scripts/build.js) puts in place of this module the same validator compiled ahead of time
 * (Ajv's standalone code, checked there against this one), because compiling the opportunity schema costs
 * about 0.3 s of a command that otherwise takes well under a second.
 */
export const opportunityValidator = (): ValidateFunction => strictAjv.compile(Opportunity as object);
