import { z } from 'zod';

/** One wrong field of a refused request: `shopIds.0`, `limit`, `orderId`, or `body` for the whole body. */
export const fieldProblemSchema = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/** Every error answer of the API. `error` is a stable code; `message` is for people. */
export const errorBodySchema = z
  .object({
    error: z.string().describe('stable code, e.g. validation_error, unauthorized, not_found, api_option_off'),
    message: z.string(),
    details: z.array(fieldProblemSchema).optional().describe('each wrong field (validation_error only)'),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The error answers a `/v1` route can give besides its own. */
export const commonErrorResponses = {
  400: errorBodySchema.describe('the request is malformed; `details` names each wrong field'),
  401: errorBodySchema.describe('missing or wrong bearer token'),
  429: errorBodySchema.describe('too many requests from this address'),
  503: errorBodySchema.describe('Redis or PostgreSQL is unreachable'),
} as const;
