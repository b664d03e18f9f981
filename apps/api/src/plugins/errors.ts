import { AppError } from '@hubspoke/domain';
import { isOutage } from '@hubspoke/jobs';
import { sendErrorPage, wantsHtmlPage } from '@hubspoke/web';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Fastify's own error codes, mapped to our stable public codes. */
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
};

interface PublicError {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  /** The survey question a refused answer is about. */
  question?: string;
}

/** What a client may learn about an error; 5xx details stay in the log. */
function toPublicError(error: FastifyError, request: FastifyRequest): PublicError {
  if (error instanceof AppError) {
    const question = 'question' in error && typeof error.question === 'string' ? { question: error.question } : {};
    return { status: error.status, code: error.code, message: error.message, headers: error.headers, ...question };
  }
  if (error.validation) {
    const message = `Invalid ${error.validationContext ?? 'request'}: ${error.message}`;
    return { status: 400, code: 'invalid_request', message };
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return { status: mapped[0], code: mapped[1], message: error.message };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'bad_request', message: error.message };
  }
  // PostgreSQL or Redis unreachable: the request may well succeed if retried shortly.
  if (isOutage(error)) {
    request.log.error({ err: error }, 'dependency unavailable');
    const message = 'A service we depend on is unavailable; retry shortly';
    return { status: 503, code: 'service_unavailable', message };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, code: 'internal_error', message: `Something went wrong (request ${request.id})` };
}

/**
 * The one error handler: every failure leaves as `{error: {code, message}}`, except for people
 * browsing the pages, who get the same status as an HTML page in their language.
 */
export default fp(
  async (app) => {
    const send = (request: FastifyRequest, reply: FastifyReply, error: PublicError) => {
      reply.status(error.status).headers(error.headers ?? {});
      if (wantsHtmlPage(request)) return sendErrorPage(request, reply, app.config, error.status, error.code);
      const question = error.question === undefined ? {} : { question: error.question };
      return reply.send({ error: { code: error.code, message: error.message, ...question } });
    };

    app.setErrorHandler((error: FastifyError, request, reply) => send(request, reply, toPublicError(error, request)));

    app.setNotFoundHandler((request, reply) =>
      send(request, reply, {
        status: 404,
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      }),
    );
  },
  { name: 'errors' },
);
