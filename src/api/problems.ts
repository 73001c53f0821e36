import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import type { Problem } from '../schema/index.ts';
import { describeErrors } from '../schema/validate.ts';

const TYPE = 'https://vetted.dev/problems/';

export function problem(status: number, title: string, detail?: string, errors?: Problem['errors']): Problem {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    type: `${TYPE}${slug}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

const send = (reply: FastifyReply, p: Problem) => reply.status(p.status).type('application/problem+json').send(p);

interface SqlError extends Error {
  code: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
}

/** The error and what it wraps, outermost first (drizzle wraps the driver's error as `cause`). */
function chain(error: unknown): Error[] {
  const out: Error[] = [];
  for (let e = error; e instanceof Error && out.length < 8; e = e.cause) out.push(e);
  return out;
}

/** The database's own error (a five-character SQLSTATE), however deeply the query layer wrapped it. */
function sqlError(error: unknown): SqlError | undefined {
  return chain(error).find((e): e is SqlError => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  });
}

/**
 * The database is out of reach rather than the request or our code being wrong: connection exceptions (08xxx),
 * an administrator or crash shutdown, a server still starting (57P01-03), too many connections, the socket's own
 * errors, pg's "Connection terminated" and pg-pool's connect timeout.
 */
const UNREACHABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNREACHABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

export function databaseUnreachable(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    // A query wrapper's message quotes its parameters: only the driver's own words are read.
    return !('params' in e) && UNREACHABLE_MESSAGE.test(e.message);
  });
}

const className = (e: Error) => e.constructor?.name || e.name;

const frames = (e: Error) =>
  (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');

/**
 * A failed query's error carries its parameters (drizzle's message and `.params`, whatever wraps it), and
 * PostgreSQL's detail and some of its messages quote the row: names, emails, ideas, receipt hashes. Log what
 * locates the fault (the class, the code, the SQL with placeholders, the stacks) and never the data. Messages
 * are kept where they cannot quote a value: the driver's, the socket's and our own code's, not PostgreSQL's
 * for a rejected statement. Not under pino's `err` serializer rules: an object with a `message` would be
 * re-serialized with its class lost, hence `reason`.
 */
export function loggable(error: Error) {
  const errors = chain(error);
  const root = errors.at(-1) ?? error;
  const sql = sqlError(error);
  const query = errors.map((e) => (e as { query?: unknown }).query).find((q) => typeof q === 'string');
  const code = sql?.code ?? (root as { code?: unknown }).code;
  const quotesData = sql !== undefined && !databaseUnreachable(sql);
  const reason = quotesData || 'params' in root ? undefined : root.message;
  const { table, column, constraint, routine } = sql ?? {};
  return {
    err: {
      type: className(sql ?? root),
      ...(typeof code === 'string' ? { code } : {}),
      ...(reason ? { reason } : {}),
      ...(table ? { table } : {}),
      ...(column ? { column } : {}),
      ...(constraint ? { constraint } : {}),
      ...(routine ? { routine } : {}),
      ...(query ? { query: (query as string).slice(0, 4000) } : {}),
      wrappedBy: errors.slice(0, -1).map(className),
      stack: frames(error),
      ...(root !== error ? { causeStack: frames(root) } : {}),
    },
  };
}

/** How long a client should wait before trying again while the database is away. */
const RETRY_AFTER_S = 5;

/** 503 with Retry-After: the database is out of reach, which passes; nothing the caller sent is at fault. */
export function sendUnavailable(reply: FastifyReply) {
  reply.header('retry-after', String(RETRY_AFTER_S));
  return send(
    reply,
    problem(
      503,
      'Database unavailable',
      `The database cannot be reached just now. Try again in ${RETRY_AFTER_S} seconds; if this was a change, reload first to see whether it was saved.`,
    ),
  );
}

/** Every failure leaves as problem+json with words a person can act on; never a stack trace. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, problem(error.status, error.title, error.message, error.errors));
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    const errors = describeErrors(error.validation as ErrorObject[]).map((e) => ({
      ...e,
      path: where === 'body' ? e.path : `${where}:${e.path}`,
    }));
    const detail = `The ${where === 'body' ? 'request body' : where} has ${errors.length} invalid field(s): ${errors
      .map((e) => `${e.path || '/'} ${e.message}`)
      .join('; ')}.`;
    return send(reply, problem(400, 'Invalid input', detail, errors));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, problem(400, 'Malformed JSON', 'The request body is not valid JSON.'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, problem(413, 'Too large', 'The request body is larger than this server accepts.'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, problem(415, 'Unsupported media type', 'Send JSON (application/json).'));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(reply, problem(error.statusCode, 'Bad request', error.message));
  }
  if (databaseUnreachable(error)) {
    request.log.warn(loggable(error), 'database unreachable');
    return sendUnavailable(reply);
  }
  const sql = sqlError(error);
  // Two writers created the same row at once (a first frame, a first assessment, a member's name): the
  // loser's version was stale, exactly as if it had been checked.
  if (sql?.code === '23505') {
    return send(
      reply,
      problem(
        409,
        'Edit conflict',
        'Someone else saved the same record at the same moment. Nothing was saved: reload and try again.',
      ),
    );
  }
  request.log.error(loggable(error), 'unhandled error');
  return send(reply, problem(500, 'Internal error', 'Something went wrong on our side. Nothing you sent was saved.'));
}
