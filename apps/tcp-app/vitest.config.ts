import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'tcp-app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
