import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problems.ts';

/**
 * Errors Fastify raises before a route runs (a path whose percent-encoding does not decode, a parameter
 * too long): answered as problem+json like every other error, instead of Fastify's own JSON.
 */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The request path is not valid: it contains a percent-encoded sequence that is not UTF-8 text.'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'A parameter in the request path is longer than this server accepts.'
        : 'The request could not be routed.';
  return reply
    .status(status)
    .type('application/problem+json')
    .send(problem(status, 'Bad request', detail));
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request line and headers are larger than this server accepts: shorten the URL.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive.'],
};

/**
 * Malformed HTTP that Node rejects before Fastify sees a request (an oversized URL or header, broken
 * framing): the socket gets a problem+json answer and is closed. Nothing about the request is logged.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(problem(status, STATUS_CODES[status] ?? 'Bad request', detail));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}
