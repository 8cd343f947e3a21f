import { readFile } from 'node:fs/promises';
import { ConfigError, type SandboxEnv } from '@shopserve-sync/config';
import {
  mergeSettings,
  parseSettings,
  SettingsError,
  type SandboxSettings,
  type SandboxSettingsInput,
} from './sandbox-settings.ts';

/** The settings the `SANDBOX_*` variables describe. */
export function settingsFromEnv(env: SandboxEnv): SandboxSettingsInput {
  return {
    shops: env.SANDBOX_SHOPS,
    orders: env.SANDBOX_ORDERS,
    lenient: env.SANDBOX_LENIENT,
    rateLimit:
      env.SANDBOX_RATE_LIMIT_PER_SECOND > 0
        ? { perSecond: env.SANDBOX_RATE_LIMIT_PER_SECOND, burst: env.SANDBOX_RATE_LIMIT_BURST }
        : null,
    latency: { fixedMs: env.SANDBOX_LATENCY_MS, jitterMs: env.SANDBOX_LATENCY_JITTER_MS },
    faults: {
      error500Rate: env.SANDBOX_ERROR_500_RATE,
      error503Rate: env.SANDBOX_ERROR_503_RATE,
      hangRate: env.SANDBOX_HANG_RATE,
      dropRate: env.SANDBOX_DROP_RATE,
    },
    maintenance: { mode: env.SANDBOX_MAINTENANCE, retryAfterSeconds: env.SANDBOX_MAINTENANCE_RETRY_AFTER_SECONDS },
    clock: { offsetMs: env.SANDBOX_CLOCK_OFFSET_MS },
    journalSize: env.SANDBOX_JOURNAL_SIZE,
  };
}

/** The variable behind each setting, to name it when a value the schema let through is refused here. */
const VARIABLE_OF: Record<keyof SandboxSettings, string> = {
  shops: 'SANDBOX_SHOPS',
  orders: 'SANDBOX_ORDERS',
  lenient: 'SANDBOX_LENIENT',
  rateLimit: 'SANDBOX_RATE_LIMIT_PER_SECOND',
  latency: 'SANDBOX_LATENCY_MS',
  faults: 'SANDBOX_ERROR_500_RATE',
  maintenance: 'SANDBOX_MAINTENANCE',
  clock: 'SANDBOX_CLOCK_OFFSET_MS',
  journalSize: 'SANDBOX_JOURNAL_SIZE',
};

function variableOf(field: string): string {
  const top = field.split('.', 1)[0] ?? '';
  return top in VARIABLE_OF ? VARIABLE_OF[top as keyof SandboxSettings] : 'SANDBOX_*';
}

/**
 * The start-up settings: the variables, then the JSON file named by `SANDBOX_CONFIG_FILE` (what
 * the file sets wins). Throws `ConfigError` naming the variable or the file's wrong field.
 */
export async function loadSandboxSettings(
  env: SandboxEnv,
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<SandboxSettings> {
  let fromEnv: SandboxSettings;
  try {
    fromEnv = parseSettings(settingsFromEnv(env));
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    throw new ConfigError(error.details.map((d) => ({ variable: variableOf(d.field), expected: d.message })));
  }
  if (env.SANDBOX_CONFIG_FILE === undefined) return fromEnv;

  const fileProblem = (expected: string) => new ConfigError([{ variable: 'SANDBOX_CONFIG_FILE', expected }]);
  let text: string;
  try {
    text = await read(env.SANDBOX_CONFIG_FILE);
  } catch (error) {
    throw fileProblem(`a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fileProblem('a file of JSON');
  }
  try {
    return mergeSettings(fromEnv, json);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    throw fileProblem(error.details.map((d) => `${d.field}: ${d.message}`).join('; '));
  }
}
