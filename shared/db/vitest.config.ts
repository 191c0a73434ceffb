import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/db', include: ['test/**/*.test.ts'] },
});
