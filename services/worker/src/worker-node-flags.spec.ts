import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKER_NODE_FLAGS } from './worker-node-flags.ts';

// The start commands are text (JSON scripts, a Dockerfile); this keeps them to the one list.
const repoFile = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const scripts = (path: string) => (JSON.parse(repoFile(path)) as { scripts: Record<string, string> }).scripts;
const nodeWithFlags = ['node', ...WORKER_NODE_FLAGS, '--import', 'tsx'].join(' ');

describe('the worker’s node flags', () => {
  it('are those of every static start command of the worker', () => {
    expect(scripts('package.json')['start:worker']).toBe(`exec ${nodeWithFlags} services/worker/src/main.ts`);
    expect(scripts('services/worker/package.json').start).toBe(`${nodeWithFlags} src/main.ts`);
    const cmd = /^CMD (.*)$/m.exec(repoFile('Dockerfile'))?.[1];
    expect(cmd === undefined ? undefined : (JSON.parse(cmd) as string[]).join(' ')).toBe(
      `${nodeWithFlags} services/worker/src/main.ts`,
    );
  });
});
