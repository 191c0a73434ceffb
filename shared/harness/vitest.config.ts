import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/harness', include: ['test/**/*.test.ts'] },
});
