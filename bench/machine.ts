import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What the numbers were measured on, and what else the machine was doing. */
export interface MachineInfo {
  readonly node: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly commit: string;
  readonly loadAverage: readonly number[];
  /** Other processes using at least 5 % of a core, by `ps` (its %CPU is an average over their lifetime). */
  readonly busyProcesses: readonly string[];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Processes other than this one (and the tsx or npm process that started it) using CPU now, by `top`'s one-shot sample. */
export function busyProcesses(): string[] {
  const lines = run('top', ['-b', '-n', '1', '-w', '200']).split('\n');
  const header = lines.findIndex((l) => l.trim().startsWith('PID'));
  if (header < 0) return [];
  return lines
    .slice(header + 1)
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols.length >= 12 && Number(cols[8]) >= 5 && Number(cols[0]) !== process.pid && Number(cols[0]) !== process.ppid)
    .map((cols) => `${cols.slice(11).join(' ')} (${cols[8] ?? '?'} % CPU)`);
}

export function machineInfo(): MachineInfo {
  const dirty = run('git', ['status', '--porcelain', '--', 'src', 'bench', 'config', 'mappings']) !== '';
  return {
    node: process.version,
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    commit: `${run('git', ['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty ? ' (with uncommitted changes)' : ''}`,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    busyProcesses: busyProcesses(),
  };
}

/** CPU seconds the whole machine was busy, and those of this process and its finished children. */
export interface CpuAccount {
  readonly machineBusyS: number;
  readonly ownS: number;
}

const USER_HZ = 100;

/** A reading of /proc/stat and /proc/self/stat (Linux); zeros elsewhere. */
export function cpuAccount(): CpuAccount {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const busy = cpu.reduce((sum, value, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + value), 0);
    // utime stime cutime cstime are fields 14–17; the command name (field 2) may hold spaces.
    const self = readFileSync('/proc/self/stat', 'utf8');
    const fields = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    const own = (fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0);
    return { machineBusyS: busy / USER_HZ, ownS: own / USER_HZ };
  } catch {
    return { machineBusyS: 0, ownS: 0 };
  }
}
