import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'slides', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
