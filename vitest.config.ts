import { defineConfig } from 'vitest/config';

const shared = ['**/node_modules/**', 'test/bench/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/**/*.spec.ts', 'services/**/*.spec.ts', 'test/**/*.spec.ts'],
          exclude: shared,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['packages/**/*.test.ts', 'services/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: shared,
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: more parallel files only queue up behind each other and time out.
          maxWorkers: 2,
        },
      },
    ],
  },
});
