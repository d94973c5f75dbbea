import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * Imports point down (README, "Pure core, thin edges"). A relative import reaches a top-level folder only
 * through exactly as many `../` as the importing file is deep, so the rules are written per depth: a
 * `../api` inside workflows/dossier/steps/ is the workflow's own api.ts, not the HTTP layer. Bare package
 * names are matched exactly (`paths`), not as globs: the glob `domain` (a Node built-in) would also match `../domain`.
 */
const LAYERS = {
  domain: {
    why: 'domain/ is the pure legal core: it imports nothing of ours outside domain/ and no I/O, Temporal or Prisma.',
    folders: ['activities', 'api', 'db', 'generated', 'infra', 'scripts', 'storage', 'test', 'worker', 'workflows'],
    packages: ['@temporalio/*', '@prisma/*', 'node:*'],
    names: ['express', 'pg', 'nodemailer', ...builtinModules],
  },
  db: {
    why: 'db/ (the read model) imports only domain/, the generated Prisma client, its own files and libraries.',
    folders: ['activities', 'api', 'infra', 'scripts', 'storage', 'test', 'worker', 'workflows'],
    packages: ['@temporalio/*'],
  },
  activities: {
    why: 'activities/ do the I/O for workflows: db/, domain/, infra/ and libraries; from workflows/ only types.',
    folders: ['api', 'scripts', 'test', 'worker'],
    typeOnly: ['workflows'],
  },
  workflows: {
    why: "workflows/ run in Temporal's deterministic sandbox: domain/, their own files and only the types of activities/.",
    folders: ['api', 'db', 'generated', 'infra', 'scripts', 'storage', 'test', 'worker'],
    typeOnly: ['activities'],
    packages: ['@prisma/*', '@temporalio/activity', '@temporalio/client', '@temporalio/worker', 'node:*'],
    names: ['express', 'pg', 'nodemailer', ...builtinModules],
  },
};
const MAX_DEPTH = 6;

function layerRules() {
  return Object.entries(LAYERS).flatMap(([layer, { why, folders, typeOnly = [], packages = [], names = [] }]) =>
    Array.from({ length: MAX_DEPTH }, (_, i) => {
      const up = i + 1;
      const reaching = (targets) => `^(\\./)?(\\.\\./){${up}}(${targets.join('|')})(/|$)`;
      const patterns = [
        { regex: reaching(folders), message: why },
        ...(typeOnly.length ? [{ regex: reaching(typeOnly), allowTypeImports: true, message: `${why} Use \`import type\`.` }] : []),
        ...(packages.length ? [{ group: packages, message: why }] : []),
      ];
      return {
        files: [`${layer}/${'*/'.repeat(i)}*.ts`],
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message: why })), patterns }] },
      };
    }),
  );
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', '.tools/**', 'generated/**', 'coverage/**', 'web/dist/**', 'test/artifacts/**'] },
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
      'no-restricted-globals': ['error', { name: 'Date', message: 'Use calendar dates from domain/calendar; never the wall clock.' }],
    },
  },
  ...layerRules(),
  {
    // The browser bundle talks to the server only over HTTP: its types come from the OpenAPI document
    // (web/src/api/openapi.ts), never from server code that would drag Node, Prisma or Temporal in.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(domain|db|activities|workflows|infra|storage|worker|generated|scripts|test)(/|$)',
              message: 'web/ is the browser application: use the API (web/src/api/client.ts) and its generated types.',
            },
            { group: ['@temporalio/*', '@prisma/*', 'node:*'], message: 'web/ runs in the browser.' },
          ],
        },
      ],
    },
  },
);
