#!/usr/bin/env node
/**
 * Generates the Prisma Client (generated/prisma) offline. Run by `npm install`/`npm ci` (postinstall)
 * and by hand: `node scripts/prisma-generate.js`.
 *
 * The Prisma 7 CLI downloads its native schema engine at every command, even `generate`, which does
 * not use it; with PRISMA_SCHEMA_ENGINE_BINARY (and PRISMA_QUERY_ENGINE_LIBRARY) naming existing files
 * it skips the download. When those variables already name existing files (a machine with real
 * engines), they are kept; otherwise they point at a stub that fails loudly if anything ever runs it.
 * Telemetry/update checks are disabled (CHECKPOINT_DISABLE) because the machine may be offline.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: runs at npm install, before any TypeScript tooling */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function resolvePrismaCli() {
  try {
    return path.join(path.dirname(require.resolve('prisma/package.json', { paths: [root] })), 'build', 'index.js');
  } catch {
    return undefined;
  }
}

function engineStub() {
  const dir = path.join(root, 'node_modules', '.cache', 'prisma-offline');
  const file = path.join(dir, 'engine-stub');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      file,
      '#!/bin/sh\necho "Prisma native engines are not installed on this machine (see scripts/prisma-generate.js)." >&2\nexit 1\n',
      { mode: 0o755 },
    );
  }
  return file;
}

function existingFile(value) {
  return Boolean(value) && fs.existsSync(value) && fs.statSync(value).isFile();
}

function main() {
  const cli = resolvePrismaCli();
  if (!cli) {
    // e.g. `npm ci --omit=dev`: the CLI is a devDependency. The app cannot start without the client.
    console.warn('[prisma-generate] the prisma CLI is not installed; Prisma Client NOT generated (generated/prisma).');
    return 0;
  }
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  for (const name of ['PRISMA_SCHEMA_ENGINE_BINARY', 'PRISMA_QUERY_ENGINE_LIBRARY']) {
    if (!existingFile(env[name])) env[name] = engineStub();
  }
  const result = spawnSync(process.execPath, [cli, 'generate', '--config', path.join(root, 'prisma.config.ts')], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`[prisma-generate] could not run ${cli}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

process.exitCode = main();
