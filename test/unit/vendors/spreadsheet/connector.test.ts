import { linkSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mapping } from '../../../../src/mapping/mapping.js';
import { createSpreadsheetConnector, loadColumnMapping } from '../../../../src/vendors/spreadsheet/index.js';
import type { SpreadsheetConnectionOptions } from '../../../../src/vendors/spreadsheet/options.js';

let mapping: Mapping;
beforeAll(async () => {
  mapping = await loadColumnMapping();
});

function fileWith(content: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-unit-')), 'clients.csv');
  writeFileSync(file, content);
  return file;
}

function connector(file: string, extra: Partial<SpreadsheetConnectionOptions> = {}): ReturnType<typeof createSpreadsheetConnector> {
  return createSpreadsheetConnector({ name: 'sheet', vendor: 'spreadsheet', path: file, mapping, ...extra });
}

async function listed(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const raw of connector(file).listClients()) out.push(raw);
  return out;
}

describe('the spreadsheet connector', () => {
  it('lists one raw record per row, named by the headers, with numbered columns gathered into lists', async () => {
    const file = fileWith('id,name,E-mail adres,contacts.1.first_name,contacts.2.first_name,reference_lines.line1\n7,Acme,info@example.com,An,Bo,PO 1\n');
    expect(await listed(file)).toEqual([
      { id: '7', name: 'Acme', 'E-mail_adres': 'info@example.com', contacts: [{ first_name: 'An' }, { first_name: 'Bo' }], reference_lines: { line1: 'PO 1' } },
    ]);
  });

  it('says in its check which headers the column mapping does not read, and no more', async () => {
    const file = fileWith('id,name,E-mail adres,Kostenplaats,contacts.1.email,contacts.1.shoe_size,reference_lines.line1,status\n7,Acme,info@example.com,K-12,an@example.com,42,PO 1,active\n');
    const check = await connector(file).check();
    expect(check).toEqual({ outcome: 'ok', message: `${file}: 1 rows, columns separated by ',', utf-8; not read by the column mapping (kept as they are): 'E-mail adres', 'Kostenplaats', 'contacts.1.shoe_size'` });
    const clean = fileWith('id,name,email\n7,Acme,info@example.com\n');
    expect((await connector(clean).check()).message).toBe(`${clean}: 1 rows, columns separated by ',', utf-8`);
  });

  it('skips blank rows and gives a row without an id its place (row-<n>) as id', async () => {
    const file = fileWith('id,name\n,First\n,\n\n4,Fourth\n,Fifth\n');
    expect((await listed(file)).map((raw) => [raw.id, raw.name])).toEqual([['row-1', 'First'], ['4', 'Fourth'], ['row-5', 'Fifth']]);
  });

  it('refuses a file in which two rows have one id, naming the id, the rows and the column, before any write', async () => {
    const file = fileWith('id,name\n7,Acme\n8,Bakkerij\n7,Acme (copy)\n');
    const sheet = connector(file);
    await expect(listed(file)).rejects.toMatchObject({ code: 'VENDOR_RESPONSE_INVALID', message: expect.stringContaining("id 7 is on rows 2, 4 (column 'id', row 1 being the header)") as unknown });
    await expect(sheet.getClient('8')).rejects.toMatchObject({ code: 'VENDOR_RESPONSE_INVALID' });
    expect(sheet.stats().callsByKind).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(readFileSync(file, 'utf8')).toBe('id,name\n7,Acme\n8,Bakkerij\n7,Acme (copy)\n');
  });

  it('reads a missing file as empty, and creates it with the layout\'s columns on the first write', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-unit-')), 'new.csv');
    const sheet = connector(file);
    expect(await listed(file)).toEqual([]);
    expect((await sheet.check()).outcome).toBe('ok');
    const { body } = mapping.encode({ name: 'Acme', externalClientId: 'ef-1', channels: { email: 'info@example.com' } }, 'x', { mode: 'create' });
    const created = await sheet.createClient(body);
    expect(created).toMatchObject({ id: '1', externalIdStored: true });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFid,external_client_id,number,name,')).toBe(true);
    expect(await listed(file)).toMatchObject([{ id: '1', name: 'Acme', external_client_id: 'ef-1', email: 'info@example.com' }]);
  });

  it('updates only the cells it writes, and keeps every other row, column and format as it was', async () => {
    const original = 'id;name;city;Kostenplaats\r\n1;Acme;Gent;K-12\r\n2;Bakkerij Zoë;Brugge;K-7\r\n';
    const file = fileWith(iconv.encode(original, 'win1252'));
    await connector(file).updateClient('2', { city: 'Kortrijk' });
    expect(iconv.decode(readFileSync(file), 'win1252')).toBe('id;name;city;Kostenplaats\r\n1;Acme;Gent;K-12\r\n2;Bakkerij Zoë;Kortrijk;K-7\r\n');
  });

  it('keeps a row another program added after it last read the file', async () => {
    const file = fileWith('id,name\n1,Acme\n');
    const sheet = connector(file);
    expect(await sheet.getClient('1')).toMatchObject({ name: 'Acme' });
    writeFileSync(file, 'id,name\n1,Acme\n2,Added by hand\n');
    await sheet.createClient({ name: 'Created' });
    expect(readFileSync(file, 'utf8')).toBe('id,name\n1,Acme\n2,Added by hand\n3,Created\n');
  });

  it('rewrites the file through a temporary file and a rename, leaving no temporary file behind', async () => {
    const file = fileWith('id,name\n1,Acme\n');
    const before = readdirSync(path.dirname(file));
    const sheet = connector(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => sheet.createClient({ name: `Client ${String(i)}` })));
    expect(readdirSync(path.dirname(file))).toEqual(before);
    expect((await listed(file)).length).toBe(21);
    expect(sheet.stats().callsByKind.create).toBe(20);
  });

  it('never writes the file in place: a rewrite is a new file renamed over it, so the old one stays whole', async () => {
    const file = fileWith('id,name\n1,Acme\n');
    // A second name for the file as it is now: an in-place write would change what it holds too.
    const old = `${file}.before`;
    linkSync(file, old);
    await connector(file).updateClient('1', { name: 'Acme NV' });
    expect(readFileSync(old, 'utf8')).toBe('id,name\n1,Acme\n');
    expect(readFileSync(file, 'utf8')).toBe('id,name\n1,Acme NV\n');
    expect(statSync(file).ino).not.toBe(statSync(old).ino);
  });

  it('refuses, for that record alone, a value the file\'s encoding cannot hold, naming the column', async () => {
    // An ASCII file reads as UTF-8 unless the connection says otherwise.
    const file = fileWith(iconv.encode('id;name\r\n1;Acme\r\n', 'win1252'));
    const sheet = connector(file, { encoding: 'windows-1252' });
    const results = await Promise.allSettled([sheet.createClient({ name: 'Łódź Sp. z o.o.' }), sheet.createClient({ name: 'Gent BV' })]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: 'VENDOR_REJECTED', message: expect.stringMatching(/name: 'Ł' cannot be written in windows-1252/) as unknown } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { id: '2' } });
    expect(iconv.decode(readFileSync(file), 'win1252')).toBe('id;name\r\n1;Acme\r\n2;Gent BV\r\n');
  });

  it('finds rows by external id, archives through the status column, and says VENDOR_NOT_FOUND for an unknown id', async () => {
    const file = fileWith('id,name,external_client_id,status\n1,Acme,bm-5,active\n');
    const sheet = connector(file);
    expect(await sheet.findByExternalId('bm-5')).toMatchObject([{ id: '1' }]);
    await sheet.archiveClient('1');
    expect(await sheet.getClient('1')).toMatchObject({ status: 'archived' });
    await expect(sheet.updateClient('9', { name: 'x' })).rejects.toMatchObject({ code: 'VENDOR_NOT_FOUND' });
  });

  it('says a file that is not CSV is unreadable, naming the file', async () => {
    const file = fileWith('id,name\n1,"unclosed\n');
    await expect(listed(file)).rejects.toMatchObject({ code: 'VENDOR_RESPONSE_INVALID', message: expect.stringContaining(file) as unknown });
  });
});

describe('the built-in column mappings', () => {
  it('read EenvoudigFactureren\'s export by its API field names, with the id it has on EenvoudigFactureren', async () => {
    const efExport = await loadColumnMapping('eenvoudigfactureren-export');
    const file = fileWith('client_id;name;email_address;country_code;default_language;tax_code_registration_pending\r\n67445;Bakkerij Peeters;info@example.be;BE;dutch;yes\r\n');
    const rows: Record<string, unknown>[] = [];
    for await (const raw of createSpreadsheetConnector({ name: 'ef-export', vendor: 'spreadsheet', path: file, mapping: efExport }).listClients()) rows.push(raw);
    expect(rows.map((raw) => efExport.nativeIdOf(raw))).toEqual(['67445']);
    expect(efExport.decode(rows[0] ?? {}).customer).toEqual({
      name: 'Bakkerij Peeters', channels: { email: 'info@example.be' }, billingAddress: { countryCode: 'BE' },
      documentDefaults: { language: 'nl' }, tax: { vatRegistrationPending: true },
    });
  });
  it('refuses a name that is neither built in nor a file, listing the built-in ones', async () => {
    await expect(loadColumnMapping('billomat-export')).rejects.toThrow(/built-in: generic, eenvoudigfactureren-export/);
  });
});
