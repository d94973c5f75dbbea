// The legal core must load inside Temporal's workflow sandbox: domain/index.ts may reach only its
// own files and @js-joda/core, never date-holidays (seed only), node built-ins or I/O libraries.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const DOMAIN = resolve(__dirname, '../../../domain');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

function reachableFrom(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) queue.push(resolveLocal(file, specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

function allTsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allTsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('domain/ is pure and sandbox-safe', () => {
  const { files, packages } = reachableFrom(join(DOMAIN, 'index.ts'));

  test('index.ts reaches no third-party package except @js-joda/core, and never date-holidays', () => {
    expect([...packages].filter((p) => p !== '@js-joda/core')).toEqual([]);
  });

  test('the seed module is not reachable from index.ts', () => {
    expect([...files].map((f) => relative(DOMAIN, f))).not.toContain(join('calendar', 'seed.ts'));
    expect(files.size).toBeGreaterThan(10);
  });

  test('no domain file except the seed imports a third-party package other than @js-joda/core', () => {
    const offenders = allTsFiles(DOMAIN)
      .filter((f) => relative(DOMAIN, f) !== join('calendar', 'seed.ts'))
      .flatMap((f) => importsOf(f).filter((s) => !s.startsWith('.') && s !== '@js-joda/core').map((s) => `${relative(DOMAIN, f)}: ${s}`));
    expect(offenders).toEqual([]);
  });

  test('only the seed module imports date-holidays', () => {
    const users = allTsFiles(DOMAIN).filter((f) => importsOf(f).includes('date-holidays'));
    expect(users.map((f) => relative(DOMAIN, f))).toEqual([join('calendar', 'seed.ts')]);
  });
});
