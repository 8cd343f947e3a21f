import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface ServiceProcess extends AsyncDisposable {
  process: ChildProcess;
  /** Every JSON log line it wrote so far. */
  lines: Record<string, unknown>[];
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/**
 * One of the service's programs (`services/worker/src/main.ts`, ...) as its own process with the
 * test's environment; resolves once it logs `readyMessage`. Stopped with SIGTERM on dispose.
 */
export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  readyMessage: string,
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${entry} did not log "${readyMessage}" within ${timeoutMs} ms: ${stderr.join('')}`));
    }, timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.msg === readyMessage) {
          clearTimeout(timer);
          resolve();
        }
      } catch {
        // not a log line
      }
    });
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code ?? signal ?? '?'}) before it was ready: ${stderr.join('')}`));
    });
  });

  let stopping: Promise<number | null> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    })());
  return {
    process: child,
    lines,
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop();
    },
  };
}
