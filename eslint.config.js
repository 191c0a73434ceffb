// ESLint, flat config: typescript-eslint's type-checked rules over every package's TypeScript, the
// plain recommended rules over the few .mjs files (reference servers, test fixtures). Formatting is
// prettier's job (`npm run lint` runs both); import layering is dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '.cache/**',
      'bench/.cache/**',
      'bench/results/**',
      'slides/generated/**',
      'slides/lib/**',
      'coverage/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The root vitest.config.ts belongs to no package's tsconfig; the default project types it.
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_`-prefixed names are the convention for parameters a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // verbatimModuleSyntax already requires `import type`; this keeps it consistent in one style.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A floating promise in a server is an unhandled rejection waiting for hostile input.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // Node's listener APIs take callbacks returning void; passing an async function there is fine
      // when the function handles its own errors, which no-floating-promises checks inside it.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Tests may use the loose shapes of parsed JSON and mocks; the code under test may not.
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
