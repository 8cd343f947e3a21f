import { vi } from 'vitest';
import {
  startSandbox,
  type RunningSandbox,
  type StartSandboxOptions,
} from '../../../services/shopserve-sandbox/src/index.ts';
import { startTestApi, type TestApi } from '../../../services/api/src/testing/api.fixture.ts';
import { startServiceProcess, type ServiceProcess } from './service-process.ts';

export interface WholeSystem extends AsyncDisposable {
  sandbox: RunningSandbox;
  api: TestApi;
  workers: ServiceProcess[];
}

/**
 * The sandbox, the API (in this process, on a free port, over the test's own database and queue
 * prefix) and `workers` worker processes, each a `services/worker/src/main.ts` of its own.
 */
export async function startWholeSystem(options: {
  sandbox: StartSandboxOptions;
  workers: number;
}): Promise<WholeSystem> {
  const sandbox = await startSandbox(options.sandbox);
  const api = await startTestApi();
  const env = {
    DATABASE_URL: api.db.url,
    REDIS_URL: api.queues.redisUrl,
    QUEUE_PREFIX: api.queues.prefix,
    SHOPSERVE_API_BASE_URL: sandbox.url,
    SHOPSERVE_REQUESTS_PER_SECOND: '50',
    SHOPSERVE_TIMEOUT_MS: '5000',
    WORKER_CONCURRENCY: '10',
  };
  const workers: ServiceProcess[] = [];
  try {
    const started = await Promise.all(
      Array.from({ length: options.workers }, () =>
        startServiceProcess('services/worker/src/main.ts', env, 'worker started'),
      ),
    );
    workers.push(...started);
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.stop()));
    await api[Symbol.asyncDispose]();
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    api,
    workers,
    async [Symbol.asyncDispose]() {
      await Promise.all(workers.map((worker) => worker.stop()));
      await api[Symbol.asyncDispose]();
      await sandbox.close();
    },
  };
}

/** Waits until the run has ended (completed or failed) and returns it as the API shows it. */
export async function waitForRunEnd(api: TestApi, runId: string, timeoutMs = 90_000): Promise<Record<string, unknown>> {
  let run: Record<string, unknown> = {};
  await vi.waitFor(
    async () => {
      const response = await api.call('GET', `/v1/exports/${runId}`);
      run = response.json as Record<string, unknown>;
      if (run.state !== 'completed' && run.state !== 'failed') throw new Error(`run ${runId} is ${String(run.state)}`);
    },
    { timeout: timeoutMs, interval: 200 },
  );
  return run;
}
