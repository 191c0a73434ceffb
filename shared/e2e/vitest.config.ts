import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@repo/e2e',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every app in APPS must be built first (the package lists no app, see the file).
    globalSetup: ['./test/built-apps-setup.ts'],
  },
});
