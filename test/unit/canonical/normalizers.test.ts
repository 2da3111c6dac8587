import { describe, expect, it } from 'vitest';
import {
  normalizeBic, normalizeCountry, normalizeCurrency, normalizeEmail, normalizeIban, normalizeLanguage, normalizePhone, normalizeStructuredMessage, normalizeVatNumber,
} from '../../../src/canonical/index.js';
import { CustomerSchema } from '../../../src/canonical/customer.js';

describe('canonical normalisers', () => {
  it('turn country names, codes and old spellings into ISO 3166-1 alpha-2', () => {
    expect(normalizeCountry('be')).toBe('BE');
    expect(normalizeCountry('BEL')).toBe('BE');
    expect(normalizeCountry('België')).toBe('BE');
    expect(normalizeCountry('BELGIE')).toBe('BE');
    expect(normalizeCountry('Belgique')).toBe('BE');
    expect(normalizeCountry('Deutschland')).toBe('DE');
    expect(normalizeCountry('Atlantis')).toBeUndefined();
    expect(normalizeCountry('  ')).toBeUndefined();
  });

  it('turn language names and locales into ISO 639-1', () => {
    expect(normalizeLanguage('nl_BE')).toBe('nl');
    expect(normalizeLanguage('FR')).toBe('fr');
    expect(normalizeLanguage('dutch')).toBe('nl');
    expect(normalizeLanguage('Deutsch')).toBe('de');
    expect(normalizeLanguage('klingon')).toBeUndefined();
  });

  it('accept active ISO 4217 currencies only', () => {
    expect(normalizeCurrency('eur')).toBe('EUR');
    expect(normalizeCurrency('EURO')).toBeUndefined();
    expect(normalizeCurrency('XYZ')).toBeUndefined();
  });

  it('check IBAN and BIC and give their electronic form', () => {
    expect(normalizeIban('be68 5390 0754 7034')).toEqual({ ok: true, value: 'BE68539007547034' });
    expect(normalizeIban('BE938493849384349')).toEqual({ ok: false, reason: expect.stringContaining('wrong length') as string });
    expect(normalizeIban('BE68539007547035').ok).toBe(false);
    expect(normalizeBic('gebabebb')).toEqual({ ok: true, value: 'GEBABEBB' });
    expect(normalizeBic('SWIFT/BIC').ok).toBe(false);
  });

  it('check VAT numbers with their checksum and give the compact form', () => {
    expect(normalizeVatNumber('BE 0123.456.749')).toEqual({ ok: true, value: 'BE0123456749' });
    expect(normalizeVatNumber('NL001234567B01').ok).toBe(false);
    expect(normalizeVatNumber('DE136695976')).toEqual({ ok: true, value: 'DE136695976' });
    expect(normalizeVatNumber('DE136695978')).toEqual({ ok: false, reason: 'fails the VAT number checksum' });
    expect(normalizeVatNumber('XX123')).toEqual({ ok: false, reason: 'has no known VAT country prefix' });
  });

  it('lower-case the domain of an e-mail address and refuse what is none', () => {
    expect(normalizeEmail(' Info@Bakkerij.BE ')).toEqual({ ok: true, value: 'Info@bakkerij.be' });
    expect(normalizeEmail('info at bakkerij.be').ok).toBe(false);
  });

  it('read phone numbers in the client’s country into E.164', () => {
    expect(normalizePhone('053 00 00 00', 'BE')).toEqual({ ok: true, value: '+3253000000' });
    expect(normalizePhone('+49 30 1234567')).toEqual({ ok: true, value: '+49301234567' });
    expect(normalizePhone('12', 'BE').ok).toBe(false);
  });

  it('check Belgian structured messages modulo 97, in printed or bare form', () => {
    expect(normalizeStructuredMessage('+++342/4859/86564+++')).toEqual({ ok: true, value: '342485986564' });
    expect(normalizeStructuredMessage('000000000097')).toEqual({ ok: true, value: '000000000097' });
    expect(normalizeStructuredMessage('342485986565')).toEqual({ ok: false, reason: 'fails the modulo 97 check' });
  });
});

describe('the canonical Customer schema', () => {
  it('refuses control characters in a name, allows line breaks in notes, and refuses unknown fields', () => {
    expect(CustomerSchema.safeParse({ name: 'Bakkerij\u0000Test' }).success).toBe(false);
    expect(CustomerSchema.safeParse({ notes: { text: 'regel 1\nregel 2' } }).success).toBe(true);
    expect(CustomerSchema.safeParse({ nickname: 'x' }).success).toBe(false);
  });

  it('holds right-to-left text, emoji and combining marks as they are', () => {
    const name = 'שלום 😀 Café';
    expect(CustomerSchema.parse({ name }).name).toBe(name);
  });

  it('keeps an external id to the 50 characters EenvoudigFactureren can store', () => {
    expect(CustomerSchema.safeParse({ externalClientId: 'x'.repeat(50) }).success).toBe(true);
    expect(CustomerSchema.safeParse({ externalClientId: 'x'.repeat(51) }).success).toBe(false);
  });
});
