import { loadConfigOrExit } from '@shopserve-sync/config';
import { createLogger } from '@shopserve-sync/logger';
import { migrate } from '../migrate.ts';

const config = loadConfigOrExit();
const log = createLogger({ service: 'migrate', level: config.LOG_LEVEL, format: config.LOG_FORMAT });

try {
  const applied = await migrate(config.DATABASE_URL, { log });
  log.info({ applied }, applied.length === 0 ? 'database already up to date' : 'database migrated');
} catch (error) {
  log.error({ err: error }, 'migration failed');
  process.exitCode = 1;
}
