import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', '.tools/**', 'generated/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A forgotten await on a Temporal or Prisma call is a real bug, not a style issue.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The legal core must stay pure: usable inside Temporal's workflow sandbox and from the API.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@temporalio/*', '@prisma/*', 'express', 'pg', 'nodemailer', 'fs', 'node:*', '../activities/*', '../api/*', '../infra/*'] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Use calendar dates from domain/calendar; never the wall clock.' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@prisma/*', 'express', 'pg', 'nodemailer', 'fs', 'node:*', '../activities/*', '../api/*', '../infra/*', '../db/*'] }],
    },
  },
);
