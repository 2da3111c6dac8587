import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import type { ApiVendorId } from '../vendors/ids.js';

/** `config/vendors.yaml`, shipped with the package (package.json `files`). */
export const VENDOR_DEFAULTS_FILE = fileURLToPath(new URL('../../config/vendors.yaml', import.meta.url));

const Positive = z.number().int().positive();

const VendorDefaultsSchema = z.strictObject({
  baseUrl: z.url(),
  /** null: the vendor lists everything in one call (FactuurSturen). */
  pageSize: Positive.nullable(),
  maxPageSize: Positive.nullable(),
  rateBudget: z.strictObject({ requests: Positive, windowMs: Positive }),
  maxRateWaitMs: Positive,
  timeoutMs: Positive,
  concurrency: Positive,
  retry: z.strictObject({
    maxRetries: z.number().int().min(0),
    maxLimitRetries: z.number().int().min(0),
    baseDelayMs: Positive,
    maxDelayMs: Positive,
  }),
});
export type VendorDefaults = z.infer<typeof VendorDefaultsSchema>;

const VendorDefaultsFileSchema = z.strictObject({
  version: z.literal(1),
  vendors: z.strictObject({
    eenvoudigfactureren: VendorDefaultsSchema,
    factuursturen: VendorDefaultsSchema,
    billomat: VendorDefaultsSchema,
  } satisfies Record<ApiVendorId, typeof VendorDefaultsSchema>),
});

/** Reads and checks the defaults of every vendor. Read once per connector; nothing is cached at module level. */
export function loadVendorDefaults(file: string = VENDOR_DEFAULTS_FILE): Readonly<Record<ApiVendorId, VendorDefaults>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError([{ file, key: 'vendors', message: 'cannot read the vendor defaults file' }]);
  }
  const parsed = VendorDefaultsFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ file, key: issue.path.map(String).join('.'), message: issue.message })));
  }
  return parsed.data.vendors;
}
