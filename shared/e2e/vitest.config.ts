import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/e2e', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
