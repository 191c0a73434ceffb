import { defineConfig } from 'vitest/config';

// One run over every package, so `npm test` prints one summary. Each package keeps its own
// vitest.config.ts too, so `turbo run test --filter=<pkg>` works on its own.
export default defineConfig({
  test: {
    projects: ['shared/*', 'apps/*', 'tools', 'bench', 'slides'],
  },
});
