import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Node-side suites. Tests import workspace packages from source, so no build is needed to run them.
// The widget's DOM-free state modules run here (`*.unit.test.ts`); its element tests run in Chromium
// under web-test-runner, and the journeys in test/ have their own config.
export default defineConfig({
  resolve: {
    alias: {
      '@itb/shared': source('./packages/shared/src/index.ts'),
      '@itb/sandbox': source('./packages/sandbox/src/index.ts'),
      '@itb/bff': source('./packages/bff/src/index.ts'),
    },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'shared', include: ['packages/shared/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'sandbox', include: ['packages/sandbox/src/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000 } },
      { extends: true, test: { name: 'widget', include: ['packages/widget/src/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'bff', include: ['packages/bff/src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      // The demo server's, the bench's and the stack scripts' pure helpers (plain JavaScript, tests beside them).
      { extends: true, test: { name: 'tools', include: ['demo/**/*.test.js', 'bench/**/*.test.js', 'scripts/**/*.test.js'] } },
      // The WordPress plugin's build, translations and PHP syntax (packages/wordpress/scripts).
      { extends: true, test: { name: 'wordpress', include: ['packages/wordpress/test/**/*.test.ts'] } },
    ],
  },
});
