/**
 * The worker's workflow bundle is built once per set of workflow sources and reused afterwards
 * (worker/workflow-bundle.ts): the hash that names it must change with every input of the bundle
 * and with nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedWorkflowBundle, workflowSourcesHash } from '../../../worker/workflow-bundle';

function fakeProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-bundle-hash-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('workflows/index.ts', "export * from './dossier/workflow';\n");
  write('workflows/dossier/workflow.ts', 'export async function dossierWorkflow() {}\n');
  write('domain/rules/index.ts', 'export const PASS_MARK = 50;\n');
  write('package-lock.json', '{"lockfileVersion":3}\n');
  write('tsconfig.json', '{}\n');
  write('api/app.ts', 'export const app = 1;\n');
  return root;
}

describe('workflow sources hash', () => {
  let root: string;
  beforeEach(() => {
    root = fakeProject();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is stable, and changes when a workflow or domain file, the lock file or the compiler settings change', () => {
    const first = workflowSourcesHash(root);
    expect(workflowSourcesHash(root)).toBe(first);
    const changes: [string, string][] = [
      ['workflows/dossier/workflow.ts', 'export async function dossierWorkflow() { return 1; }\n'],
      ['domain/rules/index.ts', 'export const PASS_MARK = 60;\n'],
      ['package-lock.json', '{"lockfileVersion":3,"packages":{}}\n'],
      ['tsconfig.json', '{"compilerOptions":{}}\n'],
    ];
    let previous = first;
    for (const [file, text] of changes) {
      fs.writeFileSync(path.join(root, file), text);
      const next = workflowSourcesHash(root);
      expect([file, next]).not.toEqual([file, previous]);
      previous = next;
    }
  });

  it('changes when a source is added or renamed, not when a file outside the bundle changes', () => {
    const first = workflowSourcesHash(root);
    fs.writeFileSync(path.join(root, 'api/app.ts'), 'export const app = 2;\n');
    expect(workflowSourcesHash(root)).toBe(first);
    fs.writeFileSync(path.join(root, 'workflows/dossier/steps.ts'), 'export {};\n');
    const added = workflowSourcesHash(root);
    expect(added).not.toBe(first);
    fs.renameSync(path.join(root, 'workflows/dossier/steps.ts'), path.join(root, 'workflows/dossier/steps2.ts'));
    expect(workflowSourcesHash(root)).not.toBe(added);
  });
});

describe('cached workflow bundle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-bundle-cache-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds the bundle once, then reuses the same file without bundling, and removes bundles of older sources', async () => {
    const stale = path.join(dir, 'workflows-00000000000000000000000000000000.js');
    fs.writeFileSync(stale, '// a bundle of sources that no longer exist');
    const first = await cachedWorkflowBundle(dir);
    expect(first.built).toBe(true);
    expect(fs.readFileSync(first.codePath, 'utf8')).toContain('dossierWorkflow');
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const startedAt = Date.now();
    const second = await cachedWorkflowBundle(dir);
    expect(second).toEqual({ codePath: first.codePath, built: false });
    // Reuse is a file lookup, not a webpack run (which takes seconds).
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});
