/**
 * The workflow bundle, built once and reused. Bundling workflows/ with webpack costs seconds of CPU
 * at every worker start (and once per worker when several start together); the result depends only
 * on the workflow sources, so it is kept in a file named after a hash of everything that goes into
 * it and rebuilt only when one of those files changes.
 *
 * What goes into the bundle: workflows/ and domain/ (ESLint holds workflows/ to those two and
 * packages), the packages they use (pinned by package-lock.json) and the compiler settings
 * (tsconfig.json). A hash over those files, plus this module's bundling version, names the cache file.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { projectRoot } from '../infra/paths';

/** Raise when the bundling call below changes (options, entry), so old cache files are not reused. */
const BUNDLE_FORMAT = 2;

/**
 * Modules evaluated once and shared by every workflow of the worker's reusable V8 context, instead of
 * once per workflow: js-joda (400 kB of code, immutable values and deterministic caches, no clock or
 * per-workflow state at module scope) was most of each cached workflow's memory.
 */
const SHARED_MODULES = ['@js-joda/core'];
const SOURCE_FOLDERS = ['workflows', 'domain'];
const SOURCE_FILES = ['package-lock.json', 'tsconfig.json'];

export interface CachedBundle {
  codePath: string;
  /** true when this call built it, false when an earlier build was reused. */
  built: boolean;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|js|json)$/.test(entry.name) ? [full] : [];
  });
}

/** Hash of every input of the bundle: a changed, added, removed or renamed source changes it. */
export function workflowSourcesHash(root = projectRoot()): string {
  const files = [...SOURCE_FOLDERS.flatMap((folder) => filesUnder(path.join(root, folder))), ...SOURCE_FILES.map((file) => path.join(root, file))]
    .filter((file) => fs.existsSync(file))
    .sort();
  const hash = createHash('sha256').update(`format ${BUNDLE_FORMAT}\n`);
  for (const file of files) {
    hash.update(`${path.relative(root, file)}\n`);
    hash.update(fs.readFileSync(file));
    hash.update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}

/** Where bundles are kept: WORKFLOW_BUNDLE_DIR, or node_modules/.cache (git-ignored, removed by a clean `npm ci`). */
export function workflowBundleDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORKFLOW_BUNDLE_DIR ? path.resolve(env.WORKFLOW_BUNDLE_DIR) : path.join(projectRoot(), 'node_modules', '.cache', 'ccn-workflow-bundle');
}

/**
 * The bundle for the current sources: reused when a file for their hash exists, built and stored
 * otherwise. The file is written under a temporary name and renamed, so a worker starting at the
 * same moment reads either no file or a whole one; older bundles are removed.
 */
export async function cachedWorkflowBundle(dir = workflowBundleDir()): Promise<CachedBundle> {
  const codePath = path.join(dir, `workflows-${workflowSourcesHash()}.js`);
  if (fs.existsSync(codePath)) return { codePath, built: false };
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), preloadModules: SHARED_MODULES, logger: undefined });
  fs.mkdirSync(dir, { recursive: true });
  const partial = `${codePath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, codePath);
  for (const old of fs.readdirSync(dir)) {
    if (old.startsWith('workflows-') && old.endsWith('.js') && path.join(dir, old) !== codePath) fs.rmSync(path.join(dir, old), { force: true });
  }
  return { codePath, built: true };
}
