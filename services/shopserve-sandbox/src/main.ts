import { ConfigError, loadConfigOrExit, loadSandboxEnv } from '@shopserve-sync/config';
import { createLogger } from '@shopserve-sync/logger';
import { loadSandboxSettings } from './settings-from-env.ts';
import { startSandbox } from './start-sandbox.ts';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function configuredSettings() {
  try {
    const env = loadSandboxEnv();
    return { env, settings: await loadSandboxSettings(env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG, as loadConfigOrExit
  }
}

const config = loadConfigOrExit();
const { env, settings } = await configuredSettings();
const log = createLogger({ service: 'shopserve-sandbox', level: config.LOG_LEVEL, format: config.LOG_FORMAT });

const sandbox = await startSandbox({
  ...settings,
  port: config.SANDBOX_PORT,
  host: env.SANDBOX_HOST,
  logger: log,
  logRequests: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace',
});
log.info(
  {
    url: sandbox.url,
    shops: settings.shops.length,
    orders: settings.orders.length,
    lenient: settings.lenient,
    rateLimit: settings.rateLimit,
    maintenance: settings.maintenance.mode,
  },
  'shopserve sandbox listening',
);

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  log.info({ signal }, 'shopserve sandbox stopping');
  setTimeout(() => {
    log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shopserve sandbox did not stop in time');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  await sandbox.close();
  log.info('shopserve sandbox stopped');
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, (received) => {
    shutdown(received).catch((error: unknown) => {
      log.error({ err: error }, 'shopserve sandbox failed to stop');
      process.exitCode = 1;
    });
  });
}
