import type { FastifyRequest } from 'fastify';

/** A `preValidation` hook for routes whose body fields are all optional: no body is `{}`. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) request.body = {};
  return Promise.resolve();
}
