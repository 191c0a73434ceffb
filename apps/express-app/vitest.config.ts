import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'express-app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
