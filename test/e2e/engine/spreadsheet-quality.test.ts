import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPair } from '../../../src/sync/index.js';
import { pairSettings, simulated, tempStore, writesIn, type SimulatedSide } from '../../helpers/pair.js';
import { spreadsheetSide } from '../../helpers/spreadsheet.js';

/*
 * What a hand-kept file holds: a row whose country is not a country, a row with an IBAN that fails
 * its checksum and a malformed e-mail address. The run reports each by row and column, leaves out
 * only the row it cannot read, and migrates the rest with the findings in its data-quality report.
 */
const FILE = [
  'id;name;country_code;email;iban;contacts.1.last_name;contacts.1.email',
  '1;Bakkerij Peeters;BE;info@bakkerij.example;BE71096123456769;Peeters;an@bakkerij.example',
  '2;Garage Nowhere;Atlantis;garage@example.com;;;',
  '3;Drukkerij Claes;BE;drukkerij(at)example;BE71096123456760;Claes;not-an-address',
  '4;Fietsen de Haan;NL;fietsen@example.nl;;;',
].join('\r\n');

describe('a hand-kept spreadsheet with bad values, migrated into Billomat', () => {
  const started: SimulatedSide[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
  });

  it('reports the unreadable row and the implausible values by row and column, and migrates every other row', { timeout: 120_000 }, async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-csv-')), 'clients.csv');
    writeFileSync(file, `${FILE}\r\n`);
    const target = await simulated('billomat', 'bm', { clients: 0, rateLimit: false });
    started.push(target);
    const { store } = tempStore();
    const pair = pairSettings({ name: 'sheet-bm', contacts: true });

    const plan = await runPair({ pair, from: await spreadsheetSide('sheet', file), to: await target.side(), store, command: 'plan', dryRun: true });
    expect(writesIn(target.simulator)).toBe(0);
    expect(plan.plan.counts).toMatchObject({ create: 3, invalid: 1 });
    // The row that cannot be read: its row (the id column) and its column, with the rule.
    expect(plan.unreadable).toEqual([{ record: 'spreadsheet:2', issues: [{ record: 'spreadsheet:2', field: 'billingAddress.countryCode (spreadsheet country_code)', rule: 'an ISO 3166-1 alpha-2 country code', actual: '"Atlantis"' }] }]);
    // The implausible values: findings of the file as read, by row and column; the row still migrates.
    const readFindings = (result: typeof plan): string[] =>
      (result.quality?.sides ?? []).filter((side) => side.connection === 'sheet' && side.stage === 'read').flatMap((side) => side.rules.flatMap((rule) => rule.findings.map((f) => `${f.record} ${f.field}: ${rule.rule}`))).sort();
    const expected = [
      'spreadsheet:3 banking.iban (spreadsheet iban): a valid IBAN',
      'spreadsheet:3 channels.email (spreadsheet email): a valid e-mail address',
      'spreadsheet:3 contacts[0].email (spreadsheet contacts[0].email): a valid e-mail address',
    ];
    expect(readFindings(plan)).toEqual(expected);
    expect(plan.quality).toMatchObject({ findings: 3, records: 1 });

    const run = await runPair({ pair, from: await spreadsheetSide('sheet', file), to: await target.side(), store, command: 'migrate' });
    expect(run.outcomes.filter((o) => o.status === 'created').map((o) => o.externalId).sort()).toEqual(['file-1', 'file-3', 'file-4']);
    expect(run.outcomes.filter((o) => o.status === 'invalid').map((o) => o.externalId)).toEqual(['file-2']);
    expect(run.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(target.simulator.store.count()).toBe(3);
    expect(readFindings(run)).toEqual(expected);
    store.close();
  });
});
