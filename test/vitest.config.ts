import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end journeys in real Chromium against the whole stack (demo → BFF → sandbox), started once
// by global-setup.ts on free ports and shared by every file together with one browser. Files run one
// after another: they share the sandbox's calendar, and two journeys booking at once on a 2-core
// machine would only make each other slow.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'artifacts/**'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
