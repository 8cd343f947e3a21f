import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { ErrorBody } from '../schemas/error-body.schema.ts';
import { RETRY_AFTER_SECONDS } from './queue-unavailable.ts';
import { unavailableDependency } from './unavailable-dependency.ts';
import { validationDetails, validationMessage } from './validation-details.ts';

/** Client errors Fastify raises itself, by code, with our stable name for each. */
const CLIENT_ERROR_NAMES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

function statusOf(error: FastifyError): number {
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

const UNREADABLE_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** A body that is not JSON (Fastify's parser names it, or sets 400 on the SyntaxError). */
function isUnreadableJson(error: FastifyError): boolean {
  return UNREADABLE_JSON_CODES.has(error.code) || (error instanceof SyntaxError && statusOf(error) === 400);
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Every failure becomes a JSON error body: bad input 400 naming each wrong field, a body that is
 * not JSON or of another media type 400 too, an unreachable Redis or PostgreSQL 503 naming it,
 * and anything unexpected 500 without its internals (it is logged).
 */
export function apiErrorHandler(redis: Pick<Redis, 'status'>) {
  return function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = validationDetails(error.validation, error.validationContext);
      return send(reply, 400, { error: 'validation_error', message: validationMessage(details), details });
    }
    if (isUnreadableJson(error)) {
      const details = [{ field: 'body', message: 'is not valid JSON' }];
      return send(reply, 400, { error: 'validation_error', message: validationMessage(details), details });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const details = [{ field: 'content-type', message: 'must be application/json' }];
      return send(reply, 400, { error: 'validation_error', message: validationMessage(details), details });
    }
    const status = statusOf(error);
    if (status < 500) {
      return send(reply, status, { error: CLIENT_ERROR_NAMES[status] ?? 'bad_request', message: error.message });
    }
    const dependency = unavailableDependency(error, redis);
    if (dependency) {
      request.log.warn({ err: error, dependency }, 'request failed: a server is unreachable');
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return send(reply, 503, {
        error: 'service_unavailable',
        message: `${dependency} is unreachable; nothing was done. Try again once it is back (GET /readyz tells).`,
      });
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, {
      error: 'internal_error',
      message: 'Internal server error; the API log has the details.',
    });
  };
}
