import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEquals } from './constant-time-equals.ts';

const BEARER = /^Bearer[ ]+([^\s]+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

/**
 * An `onRequest` hook: answers 401 with `WWW-Authenticate: Bearer` unless the request carries the
 * API token. Runs before the body is read, so an unauthenticated caller learns nothing of validation.
 */
export function bearerAuth(apiToken: string) {
  return async function requireBearerToken(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const token = bearerToken(request.headers.authorization);
    if (token !== undefined && constantTimeEquals(token, apiToken)) return undefined;
    const problem = token === undefined ? 'invalid_request' : 'invalid_token';
    return reply
      .code(401)
      .header('WWW-Authenticate', `Bearer realm="shopserve-sync", error="${problem}"`)
      .send({
        error: 'unauthorized',
        message:
          token === undefined
            ? 'This route needs an "Authorization: Bearer <API_TOKEN>" header.'
            : 'The bearer token is not valid.',
      });
  };
}
