import { createRequire } from 'node:module';
import { pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import { createRedactingLogger } from '../http/redacting-logger.js';
import { createRedactor, type Redactor } from '../http/redact.js';
import type { Logger } from './logger.js';

/** The levels `--log-level` takes. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Keys that hold a credential wherever they appear in a log object (pino censors them before
 * serialising); the secret values themselves are scrubbed from every string by the redactor too.
 */
const CREDENTIAL_KEYS = ['apiKey', 'api_key', 'password', 'appSecret', 'app_secret', 'authorization', 'credentials', 'token', 'secret'];
export const REDACT_PATHS: readonly string[] = [
  ...CREDENTIAL_KEYS,
  ...CREDENTIAL_KEYS.map((key) => `*.${key}`),
  ...['x-api-key', 'x-billomatapikey', 'x-appsecret'].flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
];

export interface PinoLoggerOptions {
  readonly level: LogLevel;
  /** Human-readable lines (a terminal) instead of JSON lines (files, log collectors). */
  readonly pretty: boolean;
  /** Colours in pretty output. */
  readonly colorize?: boolean;
  /** Receives each finished line, without its newline. */
  readonly write: (line: string) => void;
  /** Scrubs the secrets of the configured connections (API keys, passwords) from every line. */
  readonly redactor?: Redactor;
}

/** pino-pretty, loaded for a terminal only: JSON lines (pipes, files, log collectors) do not need it. */
const loadPretty = (): typeof PinoPretty => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

/**
 * A pino logger for the command line: JSON lines or pretty lines handed to `write` (so the CLI can
 * keep them clear of its progress bar), credential keys censored, secret values scrubbed.
 */
export function createPinoLogger(options: PinoLoggerOptions): Logger {
  const prettify = options.pretty ? loadPretty().prettyFactory({ colorize: options.colorize ?? false, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', singleLine: true }) : undefined;
  const redactor = options.redactor ?? createRedactor([]);
  const destination = {
    write(line: string): void {
      const text = prettify === undefined ? line : prettify(line);
      options.write(redactor.text(text).replace(/\n+$/, ''));
    },
  };
  const base = pino({ level: options.level, base: null, redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' } }, destination);
  return createRedactingLogger(base, redactor);
}
