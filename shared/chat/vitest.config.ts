import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/chat', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
