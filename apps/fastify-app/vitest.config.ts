import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'fastify-app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
