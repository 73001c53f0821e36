import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from 'typebox';

export interface FieldError {
  path: string;
  message: string;
}

const make = (coerceTypes: boolean) => {
  // Input is checked as sent: no coercion ("5" is not a number), no silent removal of unknown fields.
  // validateSchema off: our schemas are TypeBox's output, checked whole by the OpenAPI test; checking each
  // against the draft-07 meta-schema first compiled that meta-schema in every CLI process.
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    validateSchema: false,
  });
  addFormats.default(ajv);
  return ajv;
};

export const strictAjv = make(false);
/** Query strings and path parameters are text by nature, so only they are coerced. */
export const coercingAjv = make(true);

export function describeError(e: ErrorObject): FieldError {
  const base = e.instancePath || '';
  switch (e.keyword) {
    case 'required':
      return { path: `${base}/${e.params.missingProperty}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${base}/${e.params.additionalProperty}`, message: 'is not a known field' };
    case 'maxLength':
      return { path: base, message: `must be at most ${e.params.limit} characters` };
    case 'minLength':
      return {
        path: base,
        message: e.params.limit === 1 ? 'must not be empty' : `must be at least ${e.params.limit} characters`,
      };
    case 'enum':
      return { path: base, message: `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'type':
      // A type list (a nullable field) arrives joined by commas.
      return { path: base, message: `must be ${String(e.params.type).split(',').join(' or ')}` };
    case 'format':
      return { path: base, message: `must be a valid ${e.params.format}` };
    case 'pattern':
      return { path: base, message: 'has an invalid format' };
    default:
      return { path: base, message: e.message ?? 'is invalid' };
  }
}

/** anyOf failures repeat every branch's complaint; keep one line per path and message. */
export function describeErrors(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const e of errors.map(describeError))
    seen.set(`${e.path}:${e.message}`, seen.get(`${e.path}:${e.message}`) ?? e);
  return [...seen.values()];
}

const cache = new WeakMap<TSchema, ReturnType<Ajv['compile']>>();

/** Validate a value against one of our schemas, with the same messages the API gives. */
export function check<T>(
  schema: TSchema,
  value: unknown,
): { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  let fn = cache.get(schema);
  if (!fn) {
    fn = strictAjv.compile(schema as object);
    cache.set(schema, fn);
  }
  return fn(value) ? { ok: true, value: value as T } : { ok: false, errors: describeErrors(fn.errors ?? []) };
}
