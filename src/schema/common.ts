import { type Static, type TEnum, type TSchema, type TUnsafe, Type } from 'typebox';

/** The plain hyphenated form only: the `uuid` format also admits a `urn:uuid:` prefix PostgreSQL refuses. */
export const Id = Type.String({
  format: 'uuid',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'UUID',
});
export const Timestamp = Type.String({ format: 'date-time', description: 'UTC, ISO 8601' });
/** Year 0000 passes the `date` format but is no date to PostgreSQL. */
export const DateOnly = Type.String({ format: 'date', pattern: '^(?!0000)', description: 'YYYY-MM-DD' });
/**
 * Every number a person enters has a range a real figure fits in: a boundary that accepts 1e308 as a
 * sample size or a threshold accepts nonsense that later arithmetic turns into Infinity.
 */
export const Measure = (options: Record<string, unknown> = {}) =>
  Type.Number({ minimum: -1e12, maximum: 1e12, ...options });
/** People, events or observations counted: up to ten billion. */
export const Count = (minimum = 0, options: Record<string, unknown> = {}) =>
  Type.Integer({ minimum, maximum: 10_000_000_000, ...options });
/** Money in minor units (cents): up to ten trillion in the major unit (a world market's size), either sign. */
export const Money = Type.Integer({ minimum: -1e15, maximum: 1e15, description: 'Minor units (cents)' });
/** Links a browser may follow: http(s) only, never `javascript:` or `data:`. */
export const WebUrl = Type.String({ format: 'uri', pattern: '^[hH][tT][tT][pP][sS]?://[^\\s]+$', maxLength: 2000 });

export const Version = Type.Integer({ minimum: 1, description: 'The record version; send it back to write.' });

/** Strings are bounded everywhere: a boundary that accepts a megabyte title accepts anything. */
export const Text = (maxLength: number, minLength = 0, options: Record<string, unknown> = {}) =>
  Type.String({ minLength, maxLength, ...options });
export const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const LongText = Text(10_000);

/** Objects reject unknown fields: a typo must be an error, not silently dropped data. */
export const Strict = <T extends Record<string, TSchema>>(properties: T, options: Record<string, unknown> = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/**
 * A value or null. Written as a type list (`type: ["number", "null"]`, or null added to an enum) wherever
 * the schema allows, not as `anyOf`: the response serializer (fast-json-stringify) tells an `anyOf`'s
 * branches apart by compiling each with Ajv on first use, which cost a CLI command that answers one
 * request in its own process about 0.3 s; a type list it checks with `typeof`.
 */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> => {
  const s = schema as TSchema & { type?: unknown; enum?: unknown[]; anyOf?: unknown[]; const?: unknown };
  const plain = s.anyOf === undefined && s.const === undefined;
  if (plain && typeof s.type === 'string' && s.enum === undefined)
    return Type.Unsafe<Static<T> | null>({ ...s, type: [s.type, 'null'] });
  if (plain && s.type === undefined && Array.isArray(s.enum))
    return Type.Unsafe<Static<T> | null>({ ...s, enum: [...s.enum, null] });
  // A union of bare types (string | number | boolean) is a type list too.
  const types = s.anyOf?.map((b) => (b as { type?: unknown }).type);
  if (
    s.anyOf?.every((b) => Object.keys(b as object).length === 1) &&
    types?.every((t): t is string => typeof t === 'string')
  )
    return Type.Unsafe<Static<T> | null>({ type: [...types, 'null'] });
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
};

export const Enum = <const T extends readonly string[]>(values: T, description?: string): TEnum<[...T]> =>
  Type.Enum([...values], description ? { description } : {}) as TEnum<[...T]>;

export const ActorRef = Strict({ id: Id, name: Type.String() });
export type ActorRef = Static<typeof ActorRef>;

export const FieldError = Strict({
  path: Type.String({ description: 'JSON pointer to the field, e.g. /title' }),
  message: Type.String(),
});

/** RFC 9457 problem details, the shape of every error. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldError)),
});
export type Problem = Static<typeof Problem>;

export const Page = <T extends TSchema>(item: T) =>
  Strict({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 1 }),
    offset: Type.Integer({ minimum: 0 }),
  });

export const WithVersion = Strict({ version: Version });
