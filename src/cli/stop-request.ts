/** The signals that ask client-sync to stop, and the exit code a shell expects after each (128 + n). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** The reason a CliContext's signal is aborted with: which signal asked the process to stop. */
export class StopRequest extends Error {
  readonly signalName: StopSignal;
  constructor(signalName: StopSignal) {
    super(`stopped by ${signalName}`);
    this.name = 'StopRequest';
    this.signalName = signalName;
  }
}

/** The exit code of a one-shot run cut short by a stop request (130 after Ctrl-C, 143 after SIGTERM). */
export function stopExitCode(signal: AbortSignal): number | undefined {
  return signal.reason instanceof StopRequest ? STOP_SIGNALS[signal.reason.signalName] : undefined;
}
