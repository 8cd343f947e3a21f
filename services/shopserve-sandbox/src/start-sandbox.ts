import type { AddressInfo } from 'node:net';
import { buildSandbox, type BuildSandboxOptions } from './build-sandbox.ts';
import type { SandboxSettingsInput } from './sandbox-settings.ts';
import { SandboxState } from './sandbox-state.ts';

export type StartSandboxOptions = SandboxSettingsInput &
  BuildSandboxOptions & {
    /** Default 0: a free port, see `url`. */
    port?: number;
    /** Default 127.0.0.1. */
    host?: string;
  };

export interface RunningSandbox extends AsyncDisposable {
  /** Where it listens, e.g. `http://127.0.0.1:54321`. */
  url: string;
  close(): Promise<void>;
  /** In-process access for tests: journal, orders, settings. */
  state: SandboxState;
}

function urlOf(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0' || address.address === '::'
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  return `http://${host}:${address.port}`;
}

/** Builds the sandbox and listens. Settings left out take their defaults (lenient, no faults). */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', logger, logRequests, deps, ...settings } = options;
  const state = new SandboxState(settings, deps);
  const app = buildSandbox(state, { ...(logger ? { logger } : {}), ...(logRequests ? { logRequests } : {}) });
  await app.listen({ port, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the sandbox listens on no TCP port');
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  return { url: urlOf(address), state, close, [Symbol.asyncDispose]: close };
}
