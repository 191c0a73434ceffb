import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/http-app', include: ['test/**/*.test.ts'] },
});
