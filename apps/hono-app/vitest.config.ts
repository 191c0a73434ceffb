import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'hono-app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
