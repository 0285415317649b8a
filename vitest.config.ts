import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Run the TypeScript sources of the workspace packages directly (their
  // package.json "source" export condition), for node (ssr) and browser alike.
  resolve: {
    conditions: ['source', 'module', 'browser', 'development|production'],
  },
  ssr: {
    resolve: {
      conditions: ['source', 'module', 'node', 'development|production'],
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      // The viewer's page code runs in chromium (packages/viewer/test), out of v8's sight here.
      exclude: ['packages/viewer/src/*.ts'],
      reporter: ['text-summary', 'text', 'html', 'json-summary'],
      reportsDirectory: 'coverage',
      // The release habit: line coverage of the library packages stays >= 95%.
      thresholds: { lines: 95 },
    },
  },
});
