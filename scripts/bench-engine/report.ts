/** Small helpers the engine benchmarks share: command-line numbers, a bounded pool, medians, a printed table. */

/** `--name 12` on the command line, or `fallback`. */
export function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number, got ${args[at + 1]}`);
  return value;
}

/** Runs `one(0)`, `one(1)`, … `one(count - 1)` with at most `concurrency` at a time; the first failure rejects. */
export async function inPool(count: number, concurrency: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const ratio = (project: number, limit: number) => (limit > 0 ? `${(project / limit).toFixed(2)}×` : '—');

export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
