import { readFileSync } from 'node:fs';

/*
 * CPU, wall time and memory of phases of this process. CPU is user + system time of the whole
 * process (every thread: GC helpers and the SQLite calls included); peak RSS is the kernel's
 * high-water mark, so the value at the end of a phase is the peak of everything up to it.
 */

/**
 * This process's peak RSS in kB. On Linux from VmHWM, the high-water mark of this process's own
 * memory: `process.resourceUsage().maxRSS` (getrusage) keeps the parent's RSS at fork through the
 * exec, so a child forked from the bench's process (which holds the simulators: 400 MB at 100,000
 * clients) would report at least that.
 */
export function peakRssKb(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    const kb = Number(line?.split(/\s+/)[1]);
    if (Number.isFinite(kb) && kb > 0) return kb;
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

export interface PhaseSample {
  readonly name: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Peak RSS of the process up to the end of this phase (kB). */
  readonly peakRssKb: number;
  /** V8 heap in use at the end of the phase (bytes). */
  readonly heapUsed: number;
}

export interface ProcessMeter {
  /** Closes the phase running since the last mark (or the start) under `name`. */
  mark(name: string): PhaseSample;
  readonly phases: readonly PhaseSample[];
  /** Everything since the meter started. */
  total(): PhaseSample;
}

function cpuMsOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

export function createProcessMeter(): ProcessMeter {
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  let lastCpu = startCpu;
  let lastWall = startWall;
  const phases: PhaseSample[] = [];
  const sample = (name: string, sinceCpu: NodeJS.CpuUsage, sinceWall: number): PhaseSample => ({
    name,
    cpuMs: cpuMsOf(process.cpuUsage(sinceCpu)),
    wallMs: performance.now() - sinceWall,
    peakRssKb: peakRssKb(),
    heapUsed: process.memoryUsage().heapUsed,
  });
  return {
    phases,
    mark(name) {
      const phase = sample(name, lastCpu, lastWall);
      lastCpu = process.cpuUsage();
      lastWall = performance.now();
      phases.push(phase);
      return phase;
    },
    total: () => sample('total', startCpu, startWall),
  };
}
