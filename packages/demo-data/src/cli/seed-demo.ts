import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@shopserve-sync/config';
import { createPool, migrate } from '@shopserve-sync/db';
import { createLogger } from '@shopserve-sync/logger';
import { DEMO_DEFAULT_ORDERS_PER_SHOP, DEMO_DEFAULT_SEED } from '../generate-demo-data.ts';
import { seedDemoData } from '../seed-demo-data.ts';

const usage = `Usage: pnpm seed:demo [--seed N] [--orders-per-shop N] [--force]

Migrates the database, then writes the demo shops, their ShopServe settings and orders.
  --seed N             the demo's random seed (default ${DEMO_DEFAULT_SEED}); the same seed gives the same orders
  --orders-per-shop N  orders per shop (default ${DEMO_DEFAULT_ORDERS_PER_SHOP})
  --force              seed even when orders exist; rows already present are kept, never duplicated
`;

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`--${name} must be a whole number, got "${value}"\n\n${usage}`);
    process.exit(2);
  }
  return Number(value);
}

function parseCommandLine() {
  try {
    const { values } = parseArgs({
      options: {
        seed: { type: 'string' },
        'orders-per-shop': { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(usage);
      process.exit(0);
    }
    return {
      seed: wholeNumber('seed', values.seed, DEMO_DEFAULT_SEED),
      ordersPerShop: wholeNumber('orders-per-shop', values['orders-per-shop'], DEMO_DEFAULT_ORDERS_PER_SHOP),
      force: values.force,
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}

const args = parseCommandLine();
const config = loadConfigOrExit();
const log = createLogger({ service: 'seed-demo', level: config.LOG_LEVEL, format: config.LOG_FORMAT });

const pool = createPool(config.DATABASE_URL, { max: 1, applicationName: 'shopserve-sync-seed-demo' });
try {
  await migrate(config.DATABASE_URL, { log });
  const result = await seedDemoData(pool, {
    seed: args.seed,
    ordersPerShop: args.ordersPerShop,
    onlyIfEmpty: !args.force,
  });
  if (result.skipped) {
    log.info(
      { ...result, seed: args.seed },
      'orders already present, demo data not seeded (use --force to add it anyway)',
    );
  } else {
    log.info({ ...result, seed: args.seed }, 'demo data seeded');
  }
} catch (error) {
  log.error({ err: error }, 'seeding demo data failed');
  process.exitCode = 1;
} finally {
  await pool.end();
}
