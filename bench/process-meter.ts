/*
 * CPU, wall time and memory of phases of this process. CPU is user + system time of the whole
 * process (every thread: GC helpers and the SQLite calls included); peak RSS is the kernel's
 * high-water mark, so the value at the end of a phase is the peak of everything up to it.
 */

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
    peakRssKb: process.resourceUsage().maxRSS,
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
