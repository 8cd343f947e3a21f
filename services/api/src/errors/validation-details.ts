import type { FieldProblem } from '../schemas/error-body.schema.ts';

/** One validation problem as fastify-type-provider-zod hands it on (a zod issue, reshaped). */
export interface ValidationProblem {
  instancePath: string;
  message?: string | undefined;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Where a request part is named when a problem concerns the whole of it. */
const PART_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

function keysOf(params: Record<string, unknown> | undefined): string[] {
  const keys = params?.keys;
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}

/**
 * Each wrong field of a refused request, as `details` shows it: dotted paths (`shopIds.0`), one
 * entry per unknown field, and the part's name (`body`, `query`) when the part as a whole is wrong.
 */
export function validationDetails(problems: readonly ValidationProblem[], context: string | undefined): FieldProblem[] {
  const part = PART_NAMES[context ?? 'body'] ?? 'body';
  return problems.flatMap((problem) => {
    const path = problem.instancePath
      .split('/')
      .filter((segment) => segment !== '')
      .join('.');
    if (problem.keyword === 'unrecognized_keys') {
      const keys = keysOf(problem.params);
      if (keys.length > 0) {
        return keys.map((key) => ({ field: path === '' ? key : `${path}.${key}`, message: 'unknown field' }));
      }
    }
    return [{ field: path === '' ? part : path, message: problem.message ?? 'is not valid' }];
  });
}

/** The summary line of a validation error: every field and what is wrong with it. */
export function validationMessage(details: readonly FieldProblem[]): string {
  return `Invalid request: ${details.map((detail) => `${detail.field}: ${detail.message}`).join('; ')}`;
}
