import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bench',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // These tests start real servers and load them; under `npm test` every package's suite shares
    // the same two cores, so time limits are generous (no test asserts speed).
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
