// The programs a benchmark measures, each in a process of its own: workers, the API, the
// sandbox, the bare-BullMQ baseline. Every process started here is killed when the benchmark
// ends, on failure too (dispose), and as a last resort when the benchmark process exits.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SandboxSettingsInput } from '../../services/shopserve-sandbox/src/index.ts';
import { WORKER_NODE_FLAGS } from '../../services/worker/src/worker-node-flags.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER_MAIN = fileURLToPath(new URL('../../services/worker/src/main.ts', import.meta.url));
const API_MAIN = fileURLToPath(new URL('../../services/api/src/main.ts', import.meta.url));
const SANDBOX_PROCESS = fileURLToPath(
  new URL('../../services/shopserve-sandbox/bench/sandbox-process.ts', import.meta.url),
);
const BASELINE_WORKER = fileURLToPath(new URL('./baseline-worker.ts', import.meta.url));

/** Linux counts process CPU time in clock ticks of 1/100 s. */
const CLOCK_TICKS_PER_SECOND = 100;

const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});
// Ctrl-C or a kill of the benchmark ends what it started too (Redis keys and databases of the
// interrupted run stay: they carry the ssync-bench / ssync_bench prefix).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.exit(130);
  });
}

export interface BenchProcess extends AsyncDisposable {
  readonly role: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** User + system CPU seconds the process used so far (read from /proc). */
  cpuSeconds(): number;
  /** Its stdout and stderr so far (the last 64 KiB), for failure messages. */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** CPU seconds of any process of this machine (0 once it is gone). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at "state" (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function track(role: string, child: ChildProcess): BenchProcess {
  const { pid } = child;
  if (pid === undefined) throw new Error(`${role} did not start`);
  started.add(child);
  let text = '';
  const collect = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit').then(([code, signal]) => {
    started.delete(child);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  // A process that is gone reads 0: keep the last figure read while it ran.
  let lastCpu = 0;
  const cpuSeconds = () => {
    lastCpu = Math.max(lastCpu, processCpuSeconds(pid));
    return lastCpu;
  };
  const alive = () => child.exitCode === null && child.signalCode === null;
  async function stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (!alive()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  return {
    role,
    child,
    pid,
    cpuSeconds,
    output: () => text,
    exited,
    stop,
    [Symbol.asyncDispose]: () => stop('SIGKILL'),
  };
}

function spawnProgram(
  role: string,
  script: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): BenchProcess {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(role, child);
}

/** Settings every service process of one measured system shares. */
export interface ServiceEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  SHOPSERVE_API_BASE_URL: string;
}

export interface WorkerSettings {
  concurrency: number;
  requestsPerSecond: number;
}

/**
 * BENCH_CPU_PROFILE_DIR=<dir>: each worker (the baseline's and the scan's too) writes a V8 CPU
 * profile there when it stops (open in Chrome DevTools).
 */
export function cpuProfileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** `services/worker/src/main.ts`, as `pnpm start:worker` runs it (its Node flags too), at LOG_LEVEL warn. */
export function spawnWorker(env: ServiceEnv, settings: WorkerSettings, role = 'worker'): BenchProcess {
  return spawnProgram(
    role,
    WORKER_MAIN,
    {
      ...env,
      WORKER_CONCURRENCY: String(settings.concurrency),
      SHOPSERVE_REQUESTS_PER_SECOND: String(settings.requestsPerSecond),
      LOG_LEVEL: 'warn',
    },
    [...WORKER_NODE_FLAGS, ...cpuProfileFlags()],
  );
}

export const BENCH_API_TOKEN = 'bench-api-token-5b1f0c';

export interface ApiProcess extends BenchProcess {
  url: string;
}

/** `services/api/src/main.ts` on a free port; resolves once `/healthz` answers. */
export async function spawnApi(env: ServiceEnv): Promise<ApiProcess> {
  const port = await freePort();
  const api = spawnProgram('api', API_MAIN, {
    ...env,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    API_TOKEN: BENCH_API_TOKEN,
    BOARD_USERNAME: 'bench',
    BOARD_PASSWORD: 'bench-board-password',
    LOG_LEVEL: 'warn',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`the API (${url}/healthz)`, api, async () => {
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return Object.assign(api, { url });
}

/** The bare-BullMQ baseline's worker (./baseline-worker.ts); resolves once it is consuming. */
export async function spawnBaselineWorker(
  env: { REDIS_URL: string; QUEUE_PREFIX: string; SANDBOX_URL: string },
  concurrency: number,
  role = 'baseline-worker',
): Promise<BenchProcess> {
  const worker = spawnProgram(
    role,
    BASELINE_WORKER,
    { ...env, BASELINE_CONCURRENCY: String(concurrency) },
    cpuProfileFlags(),
  );
  await waitUntil(role, worker, () => Promise.resolve(worker.output().includes('baseline worker ready')));
  return worker;
}

export interface SandboxProcess extends BenchProcess {
  url: string;
  stats(): Promise<{ perShopMaxPerSecond: Record<string, number>; total: number }>;
  /** Arrival times (ms since the epoch) of every call the journal holds, by ShopServe shop ID. */
  callTimesByShop(): Promise<Map<string, number[]>>;
  /** Forgets the journal and the per-second statistics. */
  clear(): Promise<void>;
}

/** The ShopServe sandbox in its own process (services/shopserve-sandbox/bench/sandbox-process.ts). */
export async function spawnSandbox(settings: SandboxSettingsInput): Promise<SandboxProcess> {
  const child = fork(SANDBOX_PROCESS, [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: 'pipe' });
  const sandbox = track('sandbox', child);
  child.send({ settings });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    sandbox.exited.then(() => {
      throw new Error(`the sandbox exited before it started:\n${sandbox.output()}`);
    }),
  ])) as [{ url: string }];
  const { url } = ready;
  const admin = async (method: string, path: string): Promise<unknown> => {
    const response = await fetch(`${url}/_sandbox${path}`, { method });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status}`);
    return response.json();
  };
  return Object.assign(sandbox, {
    url,
    stats: async () => (await admin('GET', '/stats')) as Awaited<ReturnType<SandboxProcess['stats']>>,
    async callTimesByShop() {
      const { requests } = (await admin('GET', '/requests')) as {
        requests: { at: string; shopId: string | null }[];
      };
      const byShop = new Map<string, number[]>();
      for (const entry of requests) {
        const key = entry.shopId ?? '(none)';
        const times = byShop.get(key) ?? [];
        times.push(Date.parse(entry.at));
        byShop.set(key, times);
      }
      return byShop;
    },
    async clear() {
      await admin('DELETE', '/requests');
    },
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `ready` every 100 ms; fails when `process` exits first or after `timeoutMs`. */
export async function waitUntil(
  what: string,
  process: BenchProcess | undefined,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (process && (process.child.exitCode !== null || process.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited:\n${process.output()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} not ready within ${timeoutMs} ms${process ? `:\n${process.output()}` : ''}`);
    }
    await sleep(100);
  }
}
