import type { ProgressEvent } from '../sync/types.js';
import { formatCount, formatElapsed } from './format.js';

/** Shows a run's progress: a redrawn bar on a terminal, occasional plain lines elsewhere. */
export interface ProgressDisplay {
  /** The engine's `onProgress`. */
  update(event: ProgressEvent): void;
  /** Writes something else to the same stream (a log line) without tearing the bar. */
  interrupt(write: () => void): void;
  /** Ends the bar of the last phase (its final state stays on screen). */
  finish(): void;
}

export interface ProgressDisplayOptions {
  /** A terminal: draw a bar; otherwise emit lines through `line`. */
  readonly tty: boolean;
  /** Raw writes to the terminal (carriage returns, no newline added). */
  readonly write: (text: string) => void;
  /** One plain line (without a terminal), e.g. an info log line. */
  readonly line: (text: string, event: ProgressEvent) => void;
  /** Prefix of every line: the pair's name. */
  readonly label: string;
  readonly columns?: number | undefined;
  /** Milliseconds, for throttling. */
  readonly now: () => number;
  /** Least time between redraws on a terminal. Default 100 ms. */
  readonly redrawMs?: number;
  /** Least time between plain lines within a phase (they also come at every 25 %). Default 15 s. */
  readonly lineMs?: number;
}

const BAR_WIDTH = 20;

/** `read factuursturen` */
function phaseName(event: ProgressEvent): string {
  return event.connection === undefined ? event.phase : `${event.phase} ${event.connection}`;
}

/** The counts after the bar: `1,500/2,500 · 3 calls · rate wait 0s · ETA 12s`. */
export function describeProgress(event: ProgressEvent): string {
  const parts = [event.total === undefined ? formatCount(event.done) : `${formatCount(event.done)}/${formatCount(event.total)}`];
  parts.push(`${formatCount(event.calls)} ${event.calls === 1 ? 'call' : 'calls'}`);
  parts.push(`rate wait ${formatElapsed(event.rateWaitMs)}`);
  if (event.etaMs !== undefined) parts.push(`ETA ${formatElapsed(event.etaMs)}`);
  return parts.join(' · ');
}

/** `██████░░░░  60% `, `width` cells wide; empty without a total or without room. */
function bar(event: ProgressEvent, width: number): string {
  if (event.total === undefined || event.total <= 0 || width < 5) return '';
  const share = Math.min(1, event.done / event.total);
  const filled = Math.round(share * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(Math.floor(share * 100)).padStart(3)}% `;
}

/**
 * The event with an ETA: the engine's own when it gives one, else the pace of the phase so far
 * (which includes the rate waits met so far), once there is a pace to go by.
 */
export function withEta(event: ProgressEvent, elapsedMs: number): ProgressEvent {
  if (event.etaMs !== undefined || event.total === undefined || event.done <= 0 || event.done >= event.total || elapsedMs < 1000) return event;
  return { ...event, etaMs: (elapsedMs / event.done) * (event.total - event.done) };
}

/** Creates the display; the same object serves every phase of one run. */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const redrawMs = options.redrawMs ?? 100;
  const lineMs = options.lineMs ?? 15_000;
  let current: ProgressEvent | undefined;
  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastLine = Number.NEGATIVE_INFINITY;
  let lastQuarter = -1;

  const text = (event: ProgressEvent): string => {
    const head = `${options.label} ${phaseName(event).padEnd(14)} `;
    const tail = describeProgress(event);
    // The bar gives way first on a narrow terminal; the counts are what matter.
    const room = (options.columns ?? 120) - 1 - head.length - tail.length - 6;
    const line = `${head}${bar(event, Math.min(BAR_WIDTH, room))}${tail}`;
    return line.slice(0, (options.columns ?? 120) - 1);
  };
  const draw = (): void => {
    if (current === undefined) return;
    options.write(`\r\x1b[2K${text(current)}`);
    drawn = true;
    lastDraw = options.now();
  };
  const clear = (): void => {
    if (drawn) options.write('\r\x1b[2K');
    drawn = false;
  };
  let printed: ProgressEvent | undefined;
  let phaseStart = options.now();
  const emitLine = (event: ProgressEvent): void => {
    if (printed === event) return;
    options.line(`${options.label} ${phaseName(event)}: ${describeProgress(event)}`, event);
    printed = event;
    lastLine = options.now();
  };
  const endPhase = (): void => {
    if (current === undefined) return;
    if (options.tty) {
      draw();
      options.write('\n');
      drawn = false;
    } else emitLine(current);
  };

  return {
    update(event) {
      const newPhase = current === undefined || phaseName(current) !== phaseName(event);
      if (newPhase) {
        endPhase();
        lastQuarter = -1;
        phaseStart = options.now();
      }
      current = withEta(event, options.now() - phaseStart);
      if (options.tty) {
        if (newPhase || options.now() - lastDraw >= redrawMs || event.done === event.total) draw();
        return;
      }
      // Without a terminal: a line when a phase starts, at each quarter, and every `lineMs` between;
      // the phase's last state is printed when it ends.
      const quarter = event.total === undefined || event.total === 0 ? -1 : Math.min(3, Math.floor((event.done / event.total) * 4));
      if (newPhase || quarter > lastQuarter || options.now() - lastLine >= lineMs) emitLine(event);
      lastQuarter = Math.max(lastQuarter, quarter);
    },
    interrupt(write) {
      if (!options.tty || !drawn) {
        write();
        return;
      }
      clear();
      write();
      draw();
    },
    finish() {
      endPhase();
      current = undefined;
    },
  };
}
