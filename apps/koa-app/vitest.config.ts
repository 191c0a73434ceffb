import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'koa-app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
