import { systemClock, type Clock } from '../clock.js';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import type { ConnectionOptions, RateBudget } from '../vendors/types.js';
import type { RetryPolicy } from './retry.js';
import { BUDGET_GROUP_PATTERN } from './shared-budget.js';
import { loadVendorDefaults, type VendorDefaults } from './vendor-defaults.js';

/** Knobs beyond ConnectionOptions, for library users and tests. All optional. */
export interface ConnectorTuning {
  /** Requests in flight at once on this connection. */
  readonly concurrency?: number | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Backoff jitter source in [0, 1). Default Math.random. */
  readonly random?: (() => number) | undefined;
  /** Vendor defaults to use instead of config/vendors.yaml. */
  readonly defaults?: VendorDefaults | undefined;
}

/** Everything a connection runs with: the vendor's defaults with the connection's overrides applied. */
export interface ConnectionSettings {
  readonly baseUrl: string;
  /** Records per list call; undefined = the vendor lists everything in one call. */
  readonly pageSize: number | undefined;
  readonly budget: RateBudget;
  /** The user set the budget; headers may not raise it. */
  readonly fixedBudget: boolean;
  readonly maxRateWaitMs: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly random: () => number;
}

function positiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

/** Applies a connection's overrides to its vendor's defaults; every problem is a ConfigError naming the key. */
export function resolveConnectionSettings(options: ConnectionOptions & ConnectorTuning): ConnectionSettings {
  const defaults = options.defaults ?? loadVendorDefaults()[options.vendor];
  const key = (name: string): string => `connections.${options.name}.${name}`;
  const issues: ConfigIssue[] = [];

  const baseUrl = (options.baseUrl ?? defaults.baseUrl).replace(/\/+$/, '');
  if (baseUrl.includes('{')) {
    issues.push({ key: key('baseUrl'), message: `${options.vendor} needs its own base URL (default ${defaults.baseUrl}): set baseUrl` });
  } else if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    issues.push({ key: key('baseUrl'), message: 'must be an http(s) URL' });
  }

  const pageSize = options.pageSize ?? defaults.pageSize ?? undefined;
  if (pageSize !== undefined && !positiveInteger(pageSize)) issues.push({ key: key('pageSize'), message: 'must be a positive whole number' });
  else if (pageSize !== undefined && defaults.maxPageSize !== null && pageSize > defaults.maxPageSize) {
    issues.push({ key: key('pageSize'), message: `${options.vendor} returns at most ${defaults.maxPageSize} records per call` });
  }

  const budget = options.rateBudget ?? defaults.rateBudget;
  if (!positiveInteger(budget.requests) || !positiveInteger(budget.windowMs)) {
    issues.push({ key: key('rateBudget'), message: 'requests and windowMs must be positive whole numbers' });
  }
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  if (!positiveInteger(timeoutMs)) issues.push({ key: key('timeoutMs'), message: 'must be a positive whole number of milliseconds' });
  const concurrency = options.concurrency ?? defaults.concurrency;
  if (!positiveInteger(concurrency)) issues.push({ key: key('concurrency'), message: 'must be a positive whole number' });
  if (options.rateBudgetGroup !== undefined && !BUDGET_GROUP_PATTERN.test(options.rateBudgetGroup)) {
    issues.push({ key: key('rateBudgetGroup'), message: 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit' });
  }
  if (issues.length > 0) throw new ConfigError(issues);

  return {
    baseUrl,
    pageSize,
    budget: { requests: budget.requests, windowMs: budget.windowMs },
    fixedBudget: options.rateBudget !== undefined,
    // A window longer than the default wait still has to be waited out once.
    maxRateWaitMs: Math.max(defaults.maxRateWaitMs, budget.windowMs),
    timeoutMs,
    concurrency,
    retry: { ...defaults.retry, ...options.retry },
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}
