/**
 * Field names that hold secrets anywhere in a log line. pino redacts by path, so each name is
 * listed at the depths where our objects put it (top level, inside one or two wrappers, and in
 * request/response headers).
 */
export const secretFieldNames = [
  'authorization',
  'Authorization',
  'authKey',
  'auth_key',
  'managerKey',
  'password',
  'token',
  'apiToken',
  'API_TOKEN',
  'BOARD_PASSWORD',
  'secret',
  'cookie',
] as const;

export const redactedPaths: string[] = secretFieldNames.flatMap((name) => [
  name,
  `*.${name}`,
  `*.*.${name}`,
  `*.*.*.${name}`,
  `headers.${name}`,
  `req.headers.${name}`,
  `request.headers.${name}`,
  `res.headers.${name}`,
]);

export const REDACTED = '[redacted]';
