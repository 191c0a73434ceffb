import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'node-http-app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
