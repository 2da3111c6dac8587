import { z } from 'zod';
import { BUDGET_GROUP_PATTERN } from '../http/shared-budget.js';
import { VENDOR_IDS } from '../vendors/ids.js';
import { SPREADSHEET_ENCODINGS } from '../vendors/spreadsheet/options.js';
import { DURATION_PATTERN } from './duration.js';

/*
 * The grammar of client-sync.yaml (snake_case keys, unknown keys rejected). This schema checks
 * shapes and types only; the rules that need more than one key (credentials per vendor, pairs that
 * name connections, environment variables) run after it, in load.ts, so every message can name
 * the key at fault.
 */

/** A reference to an environment variable, the only way a secret can enter the config. */
export const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Keys whose values are secrets: they must be a `${VAR}` reference, never a literal. */
export const SECRET_KEYS = ['api_key', 'password', 'app_secret'] as const;
/** Credential keys that may be literal (they identify, they do not authenticate). */
export const IDENTITY_KEYS = ['username', 'email', 'app_id', 'account_id'] as const;
export const CREDENTIAL_KEYS = [...SECRET_KEYS, ...IDENTITY_KEYS] as const;
export type CredentialKey = (typeof CREDENTIAL_KEYS)[number];

const Text = z.string().min(1, { error: 'must not be empty' });
const Secret = z.string().regex(ENV_REFERENCE, {
  error: 'is a secret and must be a ${VAR} reference to an environment variable (secrets never go in the file)',
});
const PositiveInt = z.number().int({ error: 'expected a whole number' }).positive({ error: 'expected a number above 0' });

const RateLimitSchema = z.strictObject({
  requests: PositiveInt,
  per: z.string().regex(DURATION_PATTERN, { error: 'expected a duration such as 60s, 15m or 1h' }),
});

const SandboxSchema = z.union([
  z.boolean(),
  z.strictObject({
    clients: z.number().int().min(0).max(100_000).optional(),
    seed: z.union([z.number().int(), Text]).optional(),
    time_scale: z.number().positive().max(1_000_000).optional(),
    /** Share of the seeded clients holding dirty-but-real values (placeholders, unchecked IBANs …). */
    dirty_share: z.number().min(0, { error: 'expected a share between 0 and 1' }).max(1, { error: 'expected a share between 0 and 1 (0.1 = 10 %)' }).optional(),
  }),
], { error: 'expected true, false, or { clients, seed, time_scale, dirty_share }' });

/** How the config names a spreadsheet's separator (a tab is hard to see in YAML: `tab`). */
export const SPREADSHEET_DELIMITER_NAMES = ['auto', ',', ';', 'tab'] as const;

export const ConnectionSchema = z.strictObject({
  vendor: z.enum(VENDOR_IDS),
  sandbox: SandboxSchema.optional(),
  base_url: Text.optional(),
  api_key: Secret.optional(),
  password: Secret.optional(),
  app_secret: Secret.optional(),
  username: Text.optional(),
  email: Text.optional(),
  app_id: Text.optional(),
  account_id: Text.optional(),
  rate_limit: RateLimitSchema.optional(),
  rate_budget_group: z.string().regex(BUDGET_GROUP_PATTERN, { error: 'expected a name of 1 to 64 letters, digits, dots, dashes or underscores' }).optional(),
  page_size: PositiveInt.optional(),
  timeout: z.string().regex(DURATION_PATTERN, { error: 'expected a duration such as 30s' }).optional(),
  mappings: Text.optional(),
  /** Spreadsheet connections: the file, its encoding and separator, and the column mapping. */
  path: Text.optional(),
  encoding: z.enum(SPREADSHEET_ENCODINGS).optional(),
  delimiter: z.enum(SPREADSHEET_DELIMITER_NAMES, { error: `expected one of ${SPREADSHEET_DELIMITER_NAMES.map((d) => `'${d}'`).join(', ')}` }).optional(),
  columns: Text.optional(),
});
export type ConnectionFile = z.infer<typeof ConnectionSchema>;

const ArchiveSchema = z.strictObject({
  propagate: z.boolean().optional(),
  hard_delete: z.boolean().optional(),
  max_share: z.number().min(0, { error: 'expected a share between 0 and 1' }).max(1, { error: 'expected a share between 0 and 1 (0.1 = 10 %)' }).optional(),
});

export const PairSchema = z.strictObject({
  from: Text,
  to: Text,
  mode: z.enum(['one-way', 'two-way']).optional(),
  schedule: Text.optional(),
  conflict: z.enum(['prefer-from', 'prefer-to', 'newest', 'manual']).optional(),
  contacts: z.boolean().optional(),
  custom_values: z.boolean().optional(),
  /** The column mapping of this pair's spreadsheet side(s), instead of the connection's. */
  columns: Text.optional(),
  archive: ArchiveSchema.optional(),
  match_existing: z.enum(['auto', 'review', 'off']).optional(),
  markers: z.enum(['deferred', 'immediate']).optional(),
  exclude: z.array(Text).optional(),
  include_archived: z.boolean().optional(),
  recreate_deleted: z.boolean().optional(),
  /** `strict`: a value that fails a plausibility check refuses the record. Default `warn`: a finding. */
  quality: z.enum(['warn', 'strict']).optional(),
  /** Adjusts the built-in placeholder list ("geen btw", "x@y", "-", …): values to add and to take out. */
  placeholders: z.strictObject({ add: z.array(Text).optional(), remove: z.array(Text).optional() }).optional(),
});
export type PairFile = z.infer<typeof PairSchema>;

export const ConfigFileSchema = z.strictObject({
  state: Text.optional(),
  reports: Text.optional(),
  report_format: z.enum(['markdown', 'html']).optional(),
  keep_reports: PositiveInt.optional(),
  connections: z.record(z.string(), ConnectionSchema),
  pairs: z.record(z.string(), PairSchema).optional(),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** The keys each object of the file accepts, for "unknown key" messages (did you mean …?). */
export function allowedKeysAt(at: readonly (string | number)[]): readonly string[] {
  const [section, , child] = at;
  if (at.length === 0) return Object.keys(ConfigFileSchema.shape);
  if (section === 'connections' && at.length === 2) return Object.keys(ConnectionSchema.shape);
  if (section === 'connections' && child === 'rate_limit') return Object.keys(RateLimitSchema.shape);
  if (section === 'connections' && child === 'sandbox') return ['clients', 'seed', 'time_scale'];
  if (section === 'pairs' && at.length === 2) return Object.keys(PairSchema.shape);
  if (section === 'pairs' && child === 'archive') return Object.keys(ArchiveSchema.shape);
  return [];
}
