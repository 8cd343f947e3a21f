import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEquals } from './constant-time-equals.ts';

export interface BasicCredentials {
  username: string;
  password: string;
}

/** The user and password of an `Authorization: Basic …` header; undefined when there are none. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  const match = header === undefined ? null : /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * An `onRequest` hook for HTTP Basic: a browser asks for the credentials on the 401. Both parts
 * are always compared, so the time taken does not tell a right user name from a wrong one.
 */
export function basicAuth(expected: BasicCredentials, realm: string) {
  return async function requireBasicCredentials(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const presented = basicCredentials(request.headers.authorization);
    if (presented) {
      const userMatches = constantTimeEquals(presented.username, expected.username);
      const passwordMatches = constantTimeEquals(presented.password, expected.password);
      if (userMatches && passwordMatches) return undefined;
    }
    return reply
      .code(401)
      .header('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`)
      .send({ error: 'unauthorized', message: 'Bull Board needs the BOARD_USERNAME and BOARD_PASSWORD credentials.' });
  };
}
