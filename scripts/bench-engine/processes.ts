/**
 * What the engine benchmarks read from Linux's /proc: CPU seconds of a whole process tree (the
 * benchmark, its servers, PostgreSQL's backends, Temporal, workers, API processes) and a
 * process's resident memory.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100;

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: the process's own CPU and that of its children already reaped. */
  ticks: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return undefined;
  }
}

function allStats(): Stat[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is Stat => stat !== undefined);
}

/** CPU seconds used so far by `root` and every process below it (children that exited count through their parent). */
export function treeCpuSeconds(root = process.pid): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const stack = stats.filter((s) => s.pid === root);
  while (stack.length > 0) {
    const stat = stack.pop() as Stat;
    ticks += stat.ticks;
    stack.push(...(children.get(stat.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds of one process alone (with its reaped children). */
export function processCpuSeconds(pid: number): number {
  return (readStat(pid)?.ticks ?? 0) / TICKS_PER_SECOND;
}

/** Resident set of a process, in MB. */
export function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

/** The 1-, 5- and 15-minute load averages, printed beside every figure (the machine is shared). */
export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
