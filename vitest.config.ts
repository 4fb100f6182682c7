import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      $shared: fileURLToPath(new URL('./shared/src', import.meta.url)),
      $lib: fileURLToPath(new URL('./client/src/lib', import.meta.url)),
    },
  },
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'scripts/**/*.test.mjs', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
