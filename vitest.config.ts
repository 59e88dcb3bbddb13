import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests, examples and docs import the public API by its package name: the root entry and
    // effectmeting/kernels, /node and /studies (package.json "exports").
    alias: [
      {
        find: /^effectmeting$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
      {
        find: /^effectmeting\/(kernels|node|studies)$/,
        replacement: fileURLToPath(new URL('./src/$1.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Hang guards, not performance checks: on a busy 2-core machine a fixture that takes 5 s
    // idle can take well over a minute, and a hook has to get that time as much as a test.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
