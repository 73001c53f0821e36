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

interface SqlError extends Error {
  code: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
}

/** The database's own error (a five-character SQLSTATE), however deeply the query layer wrapped it. */
function sqlError(error: unknown): SqlError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as SqlError;
  }
  return undefined;
}

/**
 * A failed query's error carries its parameters, and PostgreSQL's detail quotes the row: names, emails,
 * ideas. Log what locates the fault (SQLSTATE, constraint, the SQL with placeholders, our stack), not the data.
 */
function loggable(error: Error, sql: SqlError | undefined) {
  if (!sql) return { err: error };
  const { code, table, column, constraint, routine } = sql;
  const query = (error as { query?: unknown }).query;
  const stack = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return { err: { type: sql.name, code, table, column, constraint, routine, query, stack } };
}

const send = (reply: FastifyReply, p: Problem) => reply.status(p.status).type('application/problem+json').send(p);

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
  request.log.error(loggable(error, sql), 'unhandled error');
  return send(reply, problem(500, 'Internal error', 'Something went wrong on our side. Nothing you sent was saved.'));
}
