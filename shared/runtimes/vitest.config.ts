import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/runtimes', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
