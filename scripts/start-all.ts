// `pnpm start`: the whole system on one machine, for a first look and for development. Migrates
// and seeds the database (demo shops and orders only when it has no orders), then runs the
// ShopServe sandbox, the API with Bull Board, and one worker as child processes, and says where
// to look. Ctrl-C or SIGTERM stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit, type ServiceConfig } from '@shopserve-sync/config';
import { WORKER_NODE_FLAGS } from '../services/worker/src/worker-node-flags.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Kept out of git (node_modules), so that the development token stays the same from one start to the next. */
const CREDENTIALS_FILE = join(ROOT, 'node_modules', '.cache', 'shopserve-sync', 'dev-credentials.json');
const READY_TIMEOUT_MS = 120_000;
const STOP_DEADLINE_MS = 30_000;

interface DevCredentials {
  API_TOKEN: string;
  BOARD_USERNAME: string;
  BOARD_PASSWORD: string;
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function developmentCredentials(): Promise<DevCredentials> {
  try {
    const saved = JSON.parse(await readFile(CREDENTIALS_FILE, 'utf8')) as Partial<DevCredentials>;
    if (saved.API_TOKEN && saved.BOARD_USERNAME && saved.BOARD_PASSWORD) {
      return { API_TOKEN: saved.API_TOKEN, BOARD_USERNAME: saved.BOARD_USERNAME, BOARD_PASSWORD: saved.BOARD_PASSWORD };
    }
  } catch {
    // none saved yet (or unreadable): make new ones
  }
  const generated = {
    API_TOKEN: `dev-${randomBytes(24).toString('base64url')}`,
    BOARD_USERNAME: 'admin',
    BOARD_PASSWORD: randomBytes(12).toString('base64url'),
  };
  await mkdir(dirname(CREDENTIALS_FILE), { recursive: true });
  await writeFile(CREDENTIALS_FILE, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  return generated;
}

/** The credentials in use: those of the environment, else the development ones (generated once). */
async function credentialsFor(config: ServiceConfig): Promise<{ credentials: DevCredentials; generated: boolean }> {
  if (config.API_TOKEN && config.BOARD_USERNAME && config.BOARD_PASSWORD) {
    return {
      credentials: {
        API_TOKEN: config.API_TOKEN,
        BOARD_USERNAME: config.BOARD_USERNAME,
        BOARD_PASSWORD: config.BOARD_PASSWORD,
      },
      generated: false,
    };
  }
  const dev = await developmentCredentials();
  return {
    credentials: {
      API_TOKEN: config.API_TOKEN ?? dev.API_TOKEN,
      BOARD_USERNAME: config.BOARD_USERNAME ?? dev.BOARD_USERNAME,
      BOARD_PASSWORD: config.BOARD_PASSWORD ?? dev.BOARD_PASSWORD,
    },
    generated: true,
  };
}

function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

const children: Child[] = [];
let stopping = false;

/**
 * A TypeScript entry point of the repository, run by node (with `nodeFlags`, if any) and tsx; its
 * own process group, so that we alone signal it.
 */
function run(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  options: { detached: boolean; nodeFlags?: readonly string[] },
): Child {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', entry], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
    detached: options.detached,
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const entryOf = { name, process: child, exited };
  children.push(entryOf);
  return entryOf;
}

async function runToEnd(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = run(name, entry, env, { detached: false });
  const [code] = (await once(child.process, 'exit')) as [number | null];
  children.splice(children.indexOf(child), 1);
  if (code !== 0)
    throw new Error(`${name} failed (exit code ${code ?? 'none'}); is PostgreSQL running on DATABASE_URL?`);
}

/** Polls a URL until it answers 2xx: the services have no other signal a parent can wait on. */
async function waitUntilAnswers(name: string, url: string, child: Child): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(`${name} stopped while starting (see its log above)`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('\nstopping: sandbox, API and worker');
    const running = children.filter((child) => child.process.exitCode === null && child.process.signalCode === null);
    for (const child of running) child.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const child of running) {
        if (child.process.exitCode === null && child.process.signalCode === null) {
          say(`${child.name} did not stop within ${STOP_DEADLINE_MS / 1000} s: killing it`);
          child.process.kill('SIGKILL');
        }
      }
    }, STOP_DEADLINE_MS);
    await Promise.all(running.map((child) => child.exited));
    clearTimeout(deadline);
    say('stopped');
  }
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopAll(0);
  });
}
process.on('exit', () => {
  // Last resort when this process ends some other way: leave nothing running.
  for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
});

const config = loadConfigOrExit();
const { credentials, generated } = await credentialsFor(config);
const apiUrl = localUrl(config.API_HOST, config.API_PORT);
const sandboxUrl = localUrl('127.0.0.1', config.SANDBOX_PORT);

// Defaults first, then whatever the environment sets, then the credentials in use.
const env: NodeJS.ProcessEnv = {
  LOG_FORMAT: 'pretty',
  SHOPSERVE_API_BASE_URL: sandboxUrl,
  SANDBOX_LENIENT: 'true',
  SANDBOX_LATENCY_MS: '40', // 40 + 0..80 ms: about 80 ms ± 40 ms, as a real API varies
  SANDBOX_LATENCY_JITTER_MS: '80',
  SANDBOX_RATE_LIMIT_PER_SECOND: String(config.SHOPSERVE_REQUESTS_PER_SECOND),
  ...process.env,
  ...credentials,
};

try {
  say('migrating the database and seeding the demo data (only when it has no orders)');
  await runToEnd('seed-demo', 'packages/demo-data/src/cli/seed-demo.ts', env);

  const sandbox = run('sandbox', 'services/shopserve-sandbox/src/main.ts', env, { detached: true });
  await waitUntilAnswers('the ShopServe sandbox', `${sandboxUrl}/_sandbox/settings`, sandbox);
  const api = run('api', 'services/api/src/main.ts', env, { detached: true });
  await waitUntilAnswers('the API', `${apiUrl}/readyz`, api);
  const worker = run('worker', 'services/worker/src/main.ts', env, { detached: true, nodeFlags: WORKER_NODE_FLAGS });

  for (const child of [sandbox, api, worker]) {
    void child.exited.then(() => {
      if (stopping) return;
      say(
        `\n${child.name} stopped unexpectedly (exit code ${child.process.exitCode ?? child.process.signalCode ?? '?'})`,
      );
      void stopAll(1);
    });
  }

  say();
  say('shopserve-sync is running');
  say(
    `  Bull Board    ${apiUrl}/admin/queues   (user ${credentials.BOARD_USERNAME}, password ${credentials.BOARD_PASSWORD})`,
  );
  say(`  API docs      ${apiUrl}/docs`);
  say(
    `  API token     ${credentials.API_TOKEN}${generated ? '   (development credentials, kept in node_modules/.cache/shopserve-sync)' : ''}`,
  );
  say(`  metrics       ${apiUrl}/metrics`);
  say(`  sandbox       ${sandboxUrl}   (requests it received: ${sandboxUrl}/_sandbox/requests)`);
  say();
  say('Trigger an export run now (the schedule also runs every ' + `${config.EXPORT_EVERY_MINUTES} minutes):`);
  say(
    `  curl -s -X POST ${apiUrl}/v1/exports -H 'Authorization: Bearer ${credentials.API_TOKEN}' -H 'Content-Type: application/json' -d '{}'`,
  );
  say('then follow it with:');
  say(`  curl -s ${apiUrl}/v1/exports -H 'Authorization: Bearer ${credentials.API_TOKEN}'`);
  say();
  say('Ctrl-C stops everything.');
} catch (error) {
  say(`\npnpm start: ${error instanceof Error ? error.message : String(error)}`);
  say('It needs Redis on REDIS_URL and PostgreSQL on DATABASE_URL (default 127.0.0.1:6379 and :5432).');
  await stopAll(1);
}
