import { AppError } from '@hubspoke/domain';
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';

/** Fastify's own error codes, mapped to our stable public codes. */
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
};

const isDependencyDown = (error: Error) =>
  /ECONNREFUSED|Connection is closed|Stream isn't writeable|enableOfflineQueue|connect ETIMEDOUT|Connection terminated/.test(
    error.message,
  );

/** The one error handler: every failure leaves as `{error: {code, message}}`. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        return reply
          .status(error.status)
          .headers(error.headers)
          .send({ error: { code: error.code, message: error.message } });
      }
      if (error.validation) {
        return reply.status(400).send({
          error: {
            code: 'invalid_request',
            message: `Invalid ${error.validationContext ?? 'request'}: ${error.message}`,
          },
        });
      }
      const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (mapped) return reply.status(mapped[0]).send({ error: { code: mapped[1], message: error.message } });
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
      }
      if (isDependencyDown(error)) {
        request.log.error({ err: error }, 'dependency unavailable');
        return reply.status(503).send({
          error: { code: 'service_unavailable', message: 'A service we depend on is unavailable; retry shortly' },
        });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .status(500)
        .send({ error: { code: 'internal_error', message: `Something went wrong (request ${request.id})` } });
    });

    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
    );
  },
  { name: 'errors' },
);
