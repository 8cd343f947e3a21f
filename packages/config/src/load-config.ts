import type { z } from 'zod';
import { serviceEnvSchema, type ServiceConfig, type ServiceEnvName } from './env-schema.ts';

/** A variable with a wrong value. The message names each variable and what was expected, never the value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly { variable: string; expected: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.expected}`).join('\n')}`);
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Empty strings count as unset, as shells and compose files often export `VAR=`. */
function withoutEmpty(env: Environment): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

/**
 * Parses any zod object of variables against the environment. Values are never echoed in errors:
 * some of them are secrets.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Environment = process.env): z.infer<S> {
  const result = schema.safeParse(withoutEmpty(env));
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({ variable: issue.path.join('.'), expected: issue.message })),
  );
}

/**
 * The service's configuration. `require` names the optional variables this process cannot run
 * without (the API needs its token and Board credentials; a worker does not).
 */
export function loadConfig(options: { env?: Environment; require?: readonly ServiceEnvName[] } = {}): ServiceConfig {
  const config = parseEnv(serviceEnvSchema, options.env ?? process.env);
  const missing = (options.require ?? []).filter((name) => config[name] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((variable) => ({ variable, expected: 'required, but not set' })));
  }
  return config;
}

/** For `main.ts` files: print the problem and stop, rather than start half-configured. */
export function loadConfigOrExit(options: Parameters<typeof loadConfig>[0] = {}): ServiceConfig {
  try {
    return loadConfig(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
