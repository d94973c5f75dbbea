/**
 * Runs before `npm start` and `npm test` (prestart/pretest), so a fresh clone needs nothing else:
 * `npm ci` when node_modules is missing or older than package-lock.json, then the web build when
 * web/dist is missing or older than any web source, the lock file, or this script's inputs.
 * Node built-ins only: it must run before anything is installed.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: runs before npm ci has installed anything */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const at = (...parts) => path.join(root, ...parts);

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time of a file under `dir`, skipping `skip` folders. */
function newest(dir, skip) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full, skip) : mtime(full));
  }
  return latest;
}

function run(command, args) {
  console.log(`[setup] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * npm ci when node_modules is missing or older than the lock (npm writes node_modules/.package-lock.json
 * at every install, at the same instant as package-lock.json; a second of slack for coarse clocks).
 * Never through a symbolic link: npm ci would empty the linked folder, another checkout's install.
 */
function ensureInstalled() {
  if (mtime(at('node_modules', '.package-lock.json')) + 1000 >= mtime(at('package-lock.json'))) return;
  if (fs.existsSync(at('node_modules')) && fs.lstatSync(at('node_modules')).isSymbolicLink()) {
    console.warn('[setup] node_modules is a symbolic link and older than package-lock.json: run npm ci where it points');
    return;
  }
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

/**
 * vite build when web/dist is missing or older than a web source or the lock file. It builds into a
 * fresh folder and then swaps it in, so a server or test already serving web/dist (another
 * engineer's run on the same checkout) never sees a half-written build.
 */
function ensureWebBuilt() {
  const dist = at('web', 'dist');
  const built = mtime(path.join(dist, 'index.html'));
  const sources = Math.max(newest(at('web'), ['node_modules', ...outputsBeside(dist)]), mtime(at('package-lock.json')));
  if (built >= sources) return;
  const fresh = `${dist}.new-${process.pid}`;
  const old = `${dist}.old-${process.pid}`;
  run(npm, ['run', '--silent', 'web:build', '--', '--outDir', fresh, '--emptyOutDir']);
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(fresh, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

/** web/dist and the build folders being swapped in: outputs, not sources. */
function outputsBeside(dist) {
  const base = path.basename(dist);
  return fs.readdirSync(path.dirname(dist)).filter((name) => name === base || name.startsWith(`${base}.`));
}

module.exports = { ensureInstalled, ensureWebBuilt };

if (require.main === module) {
  // --web-only: the integration tests' global setup, which runs after the install it needs.
  if (!process.argv.includes('--web-only')) ensureInstalled();
  ensureWebBuilt();
}
