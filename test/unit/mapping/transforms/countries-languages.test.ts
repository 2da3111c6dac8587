import { describe, expect, it } from 'vitest';
import { allCountryCodes } from '../../../../src/canonical/country.js';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf, factuursturenCountries } from '../../../helpers/codec.js';

describe('countryCode', () => {
  const codec = codecOf('countryCode');
  it('reads codes in any case', () => {
    expect(codec.decodeValue('be')).toBe('BE');
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode('DE'))).toBe('DE');
  });
  it('refuses unassigned codes and names', () => {
    expect(() => codec.decodeValue('XX')).toThrow(/ISO 3166-1 alpha-2/);
    expect(() => codec.decodeValue('Belgium')).toThrow(CodecError);
  });
});

describe('countryName (EenvoudigFactureren Dutch names)', () => {
  const codec = codecOf('countryName', { language: 'nl' });
  it('reads Dutch names, old upper-case spellings and codes', () => {
    expect(codec.decodeValue('België')).toBe('BE');
    expect(codec.decodeValue('BELGIE')).toBe('BE');
    expect(codec.decodeValue('Nederland')).toBe('NL');
    expect(codec.decodeValue('BE')).toBe('BE');
  });
  it('writes the everyday Dutch name', () => {
    expect(codec.encode('BE')).toBe('België');
    expect(codec.encode('DE')).toBe('Duitsland');
  });
  it('round-trips every ISO country', () => {
    for (const code of allCountryCodes()) expect(codec.decodeValue(codec.encode(code))).toBe(code);
  });
  it('refuses a name that is no country', () => {
    expect(() => codec.decodeValue('Atlantis')).toThrow(/country name/);
  });
});

describe('countryCodeOrName (EenvoudigFactureren country_code + country)', () => {
  const codec = codecOf('countryCodeOrName', { language: 'nl' });
  it('prefers the code', () => {
    expect(codec.decodeValue({ code: 'BE', name: 'Nederland' })).toBe('BE');
  });
  it('falls back to the name, as in 2017 payloads without a code', () => {
    expect(codec.decodeValue({ name: 'België' })).toBe('BE');
  });
  it('writes only the code (the name is only used when no code is sent)', () => {
    expect(codec.encode('NL')).toEqual({ code: 'NL' });
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode('LU'))).toBe('LU');
  });
  it('refuses a bad code even when the name is fine', () => {
    expect(() => codec.decodeValue({ code: 'ZZ', name: 'België' })).toThrow(CodecError);
  });
});

describe('countryId (FactuurSturen ids)', () => {
  const codec = codecOf('countryId', { table: 'factuursturen-countries' });
  it('reads the ids of VENDORS.md §2.7', () => {
    const expected: Record<string, string> = { '146': 'NL', '18': 'BE', '50': 'DE', '63': 'FR', '119': 'LU', '163': 'AT', '192': 'ES', '93': 'IT', '224': 'GB', '226': 'US', '237': 'CH', '236': 'SE', '46': 'DK', '171': 'PL' };
    for (const [id, iso] of Object.entries(expected)) expect(codec.decodeValue(id)).toBe(iso);
    expect(codec.decodeValue(146)).toBe('NL');
  });
  it('writes ids as numbers, like the seed example (country: 146)', () => {
    expect(codec.encode('NL')).toBe(146);
  });
  it('writes a country FactuurSturen does not list by its Dutch name', () => {
    expect(codec.encode('GU')).toBe('Guam');
  });
  it('round-trips every ISO country, by id or by name', () => {
    for (const code of allCountryCodes()) expect(codec.decodeValue(codec.encode(code))).toBe(code);
  });
  it('has an id for 225 countries and no code twice', () => {
    const table = factuursturenCountries();
    const codes = table.entries.flatMap((e) => (e.iso === null ? [] : [e.iso]));
    expect(codes).toHaveLength(225);
    expect(new Set(codes).size).toBe(225);
  });
  it('refuses ids without an ISO code and unknown ids, naming them', () => {
    expect(() => codec.decodeValue('98')).toThrow(/98 has none/);
    expect(() => codec.decodeValue('999')).toThrow(/listed in factuursturen-countries/);
  });
});

describe('currencyCode', () => {
  const codec = codecOf('currencyCode');
  it('reads and round-trips ISO 4217 codes', () => {
    expect(codec.decodeValue('usd')).toBe('USD');
    expect(codec.decodeValue(codec.encode('CHF'))).toBe('CHF');
  });
  it('refuses unknown codes', () => {
    expect(() => codec.decodeValue('EURO')).toThrow(/ISO 4217/);
  });
});

describe('languageEf', () => {
  const codec = codecOf('languageEf');
  it('maps EenvoudigFactureren language names to ISO 639-1', () => {
    expect(codec.decodeValue('french')).toBe('fr');
    expect(codec.decodeValue('dutch')).toBe('nl');
    expect(codec.encode('de')).toBe('german');
  });
  it('round-trips its four languages', () => {
    for (const l of ['nl', 'fr', 'en', 'de']) expect(codec.decodeValue(codec.encode(l))).toBe(l);
  });
  it('refuses a language EenvoudigFactureren does not offer, naming the choices', () => {
    expect(() => codec.encode('es')).toThrow(/nl\|fr\|en\|de/);
    expect(() => codec.decodeValue('spanish')).toThrow(CodecError);
  });
});

describe('languageFs', () => {
  const codec = codecOf('languageFs');
  it('keeps the six ISO codes FactuurSturen offers', () => {
    for (const l of ['nl', 'en', 'de', 'fr', 'es', 'it']) expect(codec.decodeValue(codec.encode(l))).toBe(l);
  });
  it('refuses others', () => {
    expect(() => codec.encode('pl')).toThrow(CodecError);
    expect(() => codec.decodeValue('dutch')).toThrow(CodecError);
  });
});

describe('localeBillomat', () => {
  const codec = codecOf('localeBillomat');
  it('reads the language of a locale', () => {
    expect(codec.decodeValue('de_DE')).toBe('de');
    expect(codec.decodeValue('de_AT')).toBe('de');
    expect(codec.decodeValue('en')).toBe('en');
  });
  it('writes a default locale for a language', () => {
    expect(codec.encode('nl')).toBe('nl_NL');
  });
  it('round-trips the canonical language', () => {
    for (const l of ['de', 'en', 'fr', 'nl', 'it', 'es']) expect(codec.decodeValue(codec.encode(l))).toBe(l);
  });
  it('refuses malformed locales and languages without a known locale', () => {
    expect(() => codec.decodeValue('german')).toThrow(/a locale/);
    expect(() => codec.encode('xh')).toThrow(CodecError);
  });
});
