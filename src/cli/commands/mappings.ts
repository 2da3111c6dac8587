import type { Command } from 'commander';
import { ConfigError } from '../../errors/index.js';
import { loadMappings } from '../../mapping/index.js';
import { lossinessBetween, lossinessMatrix, type FieldFate, type LossinessDirection } from '../../mapping/lossiness.js';
import { isVendorId, VENDOR_IDS, VENDOR_NAMES, type VendorId } from '../../vendors/ids.js';
import type { CliContext } from '../context.js';

const SYMBOL: Record<FieldFate, string> = { survives: '=', transformed: '~', dropped: '-' };
const SHORT: Record<VendorId, string> = { eenvoudigfactureren: 'EF', factuursturen: 'FS', billomat: 'BM', spreadsheet: 'SS' };

function vendorOption(value: string | undefined, flag: string): VendorId | undefined {
  if (value === undefined) return undefined;
  if (!isVendorId(value)) throw new ConfigError([{ key: flag, message: `expected one of ${VENDOR_IDS.join(', ')}, got '${value}'` }]);
  return value;
}

/** One grid: a row per canonical field, a column per direction. */
function renderGrid(directions: readonly LossinessDirection[]): string {
  const paths = [...new Set(directions.flatMap((d) => d.entries.map((e) => e.path)))].sort();
  const headers = directions.map((d) => `${SHORT[d.from]}>${SHORT[d.to]}`);
  const width = Math.max(...paths.map((p) => p.length), 'field'.length);
  const lines = [`${'field'.padEnd(width)}  ${headers.join('  ')}`];
  for (const path of paths) {
    const cells = directions.map((d, i) => {
      const entry = d.entries.find((e) => e.path === path);
      return (entry === undefined ? ' ' : SYMBOL[entry.fate]).padStart(Math.ceil((headers[i]?.length ?? 5) / 2)).padEnd(headers[i]?.length ?? 5);
    });
    lines.push(`${path.padEnd(width)}  ${cells.join('  ')}`);
  }
  lines.push('', `= survives exactly   ~ transformed   - dropped   (blank: the source does not hold it)`);
  lines.push(...directions.map((d) => `${SHORT[d.from]}>${SHORT[d.to]}: ${VENDOR_NAMES[d.from]} → ${VENDOR_NAMES[d.to]}: ${d.counts.survives} survive, ${d.counts.transformed} transformed, ${d.counts.dropped} dropped`));
  return lines.join('\n');
}

function renderDirection(direction: LossinessDirection): string {
  const lines = [`${VENDOR_NAMES[direction.from]} → ${VENDOR_NAMES[direction.to]}: ${direction.counts.survives} fields survive, ${direction.counts.transformed} are transformed, ${direction.counts.dropped} are dropped`];
  for (const fate of ['survives', 'transformed', 'dropped'] as const) {
    const entries = direction.entries.filter((e) => e.fate === fate);
    if (entries.length === 0) continue;
    lines.push('', `${fate}:`);
    for (const entry of entries) lines.push(`  ${entry.path}${entry.notes.length > 0 ? `  (${entry.notes.join('; ')})` : ''}`);
  }
  return lines.join('\n');
}

export function registerMappingsCommand(program: Command, context: CliContext): void {
  program
    .command('mappings')
    .description('show what survives, what is transformed and what is dropped between the vendors (from the mapping files)')
    .option('--from <vendor>', 'source vendor')
    .option('--to <vendor>', 'target vendor')
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }) => {
      const from = vendorOption(options.from, '--from');
      const to = vendorOption(options.to, '--to');
      const mappings = await loadMappings();
      let directions = lossinessMatrix(mappings);
      if (from !== undefined && to !== undefined) directions = [lossinessBetween(mappings[from], mappings[to])];
      else directions = directions.filter((d) => (from === undefined || d.from === from) && (to === undefined || d.to === to));
      if (options.json === true) {
        context.out(JSON.stringify(directions, null, 2));
        return;
      }
      context.out(directions.length === 1 && directions[0] !== undefined ? renderDirection(directions[0]) : renderGrid(directions));
    });
}
