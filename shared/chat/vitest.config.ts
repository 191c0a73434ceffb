import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: '@repo/chat', include: ['test/**/*.test.ts'] },
});
