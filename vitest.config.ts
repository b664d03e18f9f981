import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspaces by name; resolve them to their TypeScript sources so `npm test`
// never depends on a stale build.
const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const alias = [
  { find: /^@hubspoke\/(config|db|domain|jobs|markdown|mail)$/, replacement: src('./packages/$1/src/index.ts') },
  { find: /^@hubspoke\/(api|web|worker)$/, replacement: src('./apps/$1/src/index.ts') },
  { find: /^@hubspoke\/migrations$/, replacement: src('./migrations/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The live-update and mail suites once more, with no Redis: everything on PostgreSQL.
        resolve: { alias },
        test: {
          name: 'postgres-only',
          include: ['tests/integration/{live,digests,notifications,mail,tutoring,auth}.test.ts'],
          env: { TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/build.ts', 'tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Faults injected into running processes: workers killed, Redis and SMTP down, PostgreSQL
        // connections cut. One file at a time, each bounded in time, so they never starve each other.
        resolve: { alias },
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          globalSetup: ['tests/support/build.ts', 'tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
