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
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, problem(500, 'Internal error', 'Something went wrong on our side. Nothing you sent was saved.'));
}
