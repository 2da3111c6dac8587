import type { Prng } from '../prng.js';
import { generateBankAccount, type BankAccount } from './bank-accounts.js';
import { FOREIGN_PEOPLE, NAME_BOOKS } from './names.js';
import { PLACE_BOOKS, type PlaceBook } from './places.js';
import { generateStructuredMessage } from './structured-message.js';
import { asciiSlug, escapeHtml } from './text-fit.js';
import { generateVatRegistration, type VatRegistration } from './vat-numbers.js';

/** The home country of a vendor's typical customer. */
export type HomeCountry = 'BE' | 'NL' | 'DE';

/** A generated postal address. */
export interface GeneratedAddress {
  readonly street: string;
  readonly street2: string;
  readonly postalCode: string;
  readonly city: string;
  readonly region: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** A generated contact person. */
export interface GeneratedPerson {
  readonly salutation: 'Mr' | 'Ms';
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string;
}

/**
 * One generated customer, vendor-neutral; each vendor's generator writes it in its own record shape.
 * Everything is drawn from the seeded generator, so a seed always yields the same customers.
 */
export interface ClientProfile {
  readonly index: number;
  readonly isCompany: boolean;
  /** Company name, or the person's full name for a private customer. */
  readonly name: string;
  /** The contact person (for a private customer: the customer). */
  readonly person: GeneratedPerson;
  readonly address: GeneratedAddress;
  readonly deliveryAddress: GeneratedAddress | undefined;
  readonly email: string;
  readonly phone: string;
  readonly mobile: string;
  readonly fax: string;
  /** Host name without scheme (`www.peeters.be`), or empty. */
  readonly website: string;
  readonly vat: VatRegistration | undefined;
  /** German Steuernummer, or empty. */
  readonly taxNumber: string;
  readonly bank: (BankAccount & { readonly holder: string; readonly mandate: { readonly reference: string; readonly date: string } | undefined }) | undefined;
  /** ISO 639-1. */
  readonly language: 'nl' | 'fr' | 'de' | 'en';
  readonly currency: string;
  readonly paymentTermDays: number;
  readonly discountPercent: number;
  readonly structuredMessage: string;
  /** A private note as text and as HTML (with markup and entities), or empty. */
  readonly note: { readonly text: string; readonly html: string };
  readonly archived: boolean;
  readonly hasDocuments: boolean;
  /** Epoch ms, before 2025-01-01 (fixed, so the data does not depend on when it was generated). */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly contacts: readonly GeneratedPerson[];
  /** Fill text fields to the vendor's documented maximum length. */
  readonly atMaxLength: boolean;
  /** An id from the customer's own system (CRM), or empty. */
  readonly externalId: string;
}

const HISTORY_START = Date.UTC(2016, 0, 1);
const HISTORY_END = Date.UTC(2025, 0, 1);
const NEIGHBOURS: readonly HomeCountry[] = ['BE', 'NL', 'DE'];
const FAR: readonly string[] = ['FR', 'LU', 'AT', 'CH'];
const MAILBOXES: Readonly<Record<string, readonly string[]>> = {
  BE: ['info', 'boekhouding', 'facturen', 'comptabilite'],
  NL: ['info', 'administratie', 'facturen', 'office'],
  DE: ['info', 'buchhaltung', 'rechnungen', 'office'],
  AT: ['office', 'buchhaltung'],
  CH: ['info', 'buchhaltung'],
};

/** Generates the `index`-th customer of an account in `home`; `prng` should be forked per index. */
export function generateClientProfile(prng: Prng, index: number, home: HomeCountry): ClientProfile {
  const roll = prng.next();
  const country = roll < 0.85 ? home : roll < 0.95 ? prng.pick(NEIGHBOURS.filter((c) => c !== home)) : prng.pick(FAR);
  const places = PLACE_BOOKS[country] ?? PLACE_BOOKS.DE;
  if (places === undefined) throw new Error('place book missing');
  const book = NAME_BOOKS[country === 'NL' ? 'NL' : country === 'DE' || country === 'AT' || country === 'CH' ? 'DE' : 'BE'];
  const foreigner = prng.chance(0.04);
  const person = makePerson(prng, book, places, foreigner);
  const isCompany = prng.chance(0.8);
  const name = isCompany ? companyName(prng, book) : `${person.firstName} ${person.lastName}`;
  const slug = asciiSlug(isCompany ? name.split(' ').slice(0, 2).join('') : person.lastName) || `client${String(index)}`;
  const createdAt = HISTORY_START + Math.floor(prng.next() * (HISTORY_END - HISTORY_START - 86_400_000));
  const updatedAt = Math.min(HISTORY_END - 1000, createdAt + Math.floor(prng.next() * 365 * 86_400_000));
  const hasBank = prng.chance(0.7);
  const bank = hasBank ? generateBankAccount(prng, country) : undefined;
  return {
    index,
    isCompany,
    name,
    person,
    address: makeAddress(prng, places, country),
    deliveryAddress: prng.chance(0.15) ? makeAddress(prng, places, country) : undefined,
    email: isCompany ? `${prng.pick(MAILBOXES[country] ?? ['info'])}@${slug}.${places.webTld}` : person.email,
    phone: phoneNumber(prng, country, false),
    mobile: prng.chance(0.6) ? phoneNumber(prng, country, true) : '',
    fax: country === 'DE' && prng.chance(0.2) ? phoneNumber(prng, country, false) : '',
    website: isCompany && prng.chance(0.5) ? `www.${slug}.${places.webTld}` : '',
    vat: isCompany && prng.chance(0.85) ? generateVatRegistration(prng, country) : undefined,
    taxNumber: country === 'DE' && isCompany && prng.chance(0.5) ? `${prng.digits(2)}/${prng.digits(3)}/${prng.digits(5)}` : '',
    bank:
      bank === undefined
        ? undefined
        : {
            ...bank,
            holder: name,
            mandate: prng.chance(0.25) ? { reference: `SEPA-${String(index + 1).padStart(5, '0')}-${prng.digits(4)}`, date: isoDate(createdAt) } : undefined,
          },
    language: pickLanguage(prng, country),
    currency: country === 'CH' ? 'CHF' : prng.chance(0.97) ? 'EUR' : prng.pick(['USD', 'GBP']),
    paymentTermDays: prng.pick([0, 7, 14, 14, 30, 30, 30, 45, 60]),
    discountPercent: prng.chance(0.85) ? 0 : prng.pick([2, 2.5, 5, 10]),
    structuredMessage: country === 'BE' && prng.chance(0.3) ? generateStructuredMessage(prng) : '',
    note: prng.chance(0.3) ? makeNote(prng, person.firstName, country) : { text: '', html: '' },
    archived: prng.chance(0.06),
    hasDocuments: prng.chance(0.3),
    createdAt,
    updatedAt,
    contacts: Array.from({ length: prng.pick([0, 0, 0, 0, 0, 1, 1, 1, 2, 3]) }, () => makePerson(prng, book, places, false)),
    atMaxLength: index % 47 === 3,
    externalId: prng.chance(0.1) ? `CRM-${prng.digits(6)}` : '',
  };
}

function makePerson(prng: Prng, book: (typeof NAME_BOOKS)['BE'], places: PlaceBook, foreigner: boolean): GeneratedPerson {
  const female = prng.chance(0.5);
  const far = foreigner ? prng.pick(FOREIGN_PEOPLE) : undefined;
  const firstName = far?.first ?? prng.pick(female ? book.female : book.male);
  const lastName = far?.last ?? prng.pick(book.last);
  const local = `${asciiSlug(firstName)}.${asciiSlug(lastName)}`.replace(/^\.|\.$/g, '') || `contact${prng.digits(4)}`;
  return { salutation: female ? 'Ms' : 'Mr', firstName, lastName, email: `${local}@${prng.pick(places.domains)}`, phone: '' };
}

function companyName(prng: Prng, book: (typeof NAME_BOOKS)['BE']): string {
  return prng
    .pick(book.companies)
    .replace('{last}', prng.pick(book.last))
    .replace('{last2}', prng.pick(book.last))
    .replace('{trade}', prng.pick(book.trades))
    .replace('{legal}', prng.pick(book.legalForms));
}

function makeAddress(prng: Prng, places: PlaceBook, country: string): GeneratedAddress {
  const city = prng.pick(places.cities);
  const street = prng.pick(places.streets);
  let number = String(prng.int(1, 250));
  if (prng.chance(0.12)) number += country === 'BE' ? ` bus ${String(prng.int(1, 12))}` : 'a';
  const postalCode =
    country === 'NL' ? `${city.postalCode.slice(0, 2)}${prng.digits(2)} ${prng.pick(['AB', 'BC', 'CK', 'GH', 'JL', 'KP', 'RT', 'VX', 'ZW'])}` : city.postalCode;
  const street2 = prng.chance(0.15) ? prng.pick(['Gebouw X', '2de verdieping', 'Unit 4', 'Hinterhaus', 'c/o Buchhaltung', 'Bâtiment B']) : '';
  return { street: places.numberFirst === true ? `${number} ${street}` : `${street} ${number}`, street2, postalCode, city: city.name, region: city.region, country };
}

/** National formats that fit every vendor (FactuurSturen allows 13 characters, seed 002). */
function phoneNumber(prng: Prng, country: string, mobile: boolean): string {
  switch (country) {
    case 'BE':
      return mobile ? `04${String(prng.int(70, 99))} ${prng.digits(2)} ${prng.digits(2)} ${prng.digits(2)}` : `0${String(prng.pick([2, 3, 9]))} ${prng.digits(3)} ${prng.digits(2)} ${prng.digits(2)}`;
    case 'NL':
      return mobile ? `06 ${prng.digits(8)}` : `0${String(prng.pick([10, 20, 30, 40, 50, 70]))} ${prng.digits(7)}`;
    case 'DE':
      return mobile ? `01${String(prng.pick([51, 60, 71, 76]))} ${prng.digits(7)}` : `0${String(prng.pick([30, 40, 89, 221, 69]))} ${prng.digits(7)}`;
    default:
      return `${PLACE_BOOKS[country]?.phonePrefix ?? '+00'}${prng.digits(9)}`;
  }
}

function pickLanguage(prng: Prng, country: string): ClientProfile['language'] {
  if (country === 'BE') return prng.chance(0.6) ? 'nl' : prng.chance(0.9) ? 'fr' : 'en';
  if (country === 'NL') return prng.chance(0.92) ? 'nl' : 'en';
  if (country === 'DE' || country === 'AT' || country === 'CH') return prng.chance(0.93) ? 'de' : 'en';
  if (country === 'FR' || country === 'LU') return 'fr';
  return 'en';
}

function makeNote(prng: Prng, firstName: string, country: string): { text: string; html: string } {
  const german = country === 'DE' || country === 'AT' || country === 'CH';
  const lines = german
    ? [`Zahlt immer pünktlich & zuverlässig.`, `Ansprechpartner: ${firstName} <Einkauf>`]
    : [`Betaalt steeds correct & op tijd.`, `Contact via ${firstName} <aankoop>`];
  const text = prng.chance(0.5) ? lines.join('\n') : lines[0] ?? '';
  const html = text
    .split('\n')
    .map((line, i) => (i === 0 ? `<p><strong>${escapeHtml(line)}</strong></p>` : `<p>${escapeHtml(line)}</p>`))
    .join('');
  return { text, html };
}

/** `YYYY-MM-DD` in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
