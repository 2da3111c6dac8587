import { z } from 'zod';
import { CountryCodeSchema } from './country.js';
import { CurrencyCodeSchema } from './currency.js';
import { LanguageCodeSchema } from './language.js';
import { DateSchema, DateTimeSchema, hasControlCharacter, MultilineTextSchema, TextSchema } from './text.js';

/*
 * The canonical Customer: a superset of the client records of EenvoudigFactureren, FactuurSturen and
 * Billomat, so that a migration between any two loses only what the target truly cannot hold.
 * An absent field means "not set" (vendors send "" for that); it is never an empty string.
 * Strings stay strings: postal codes, phone and VAT numbers are never numbers.
 */

/** A whole number of days (payment terms, validity). */
export const DaysSchema = z.number().int().min(0).max(36_500);
/** A signed whole number of days (Billomat reminder offsets can be negative). */
export const SignedDaysSchema = z.number().int().min(-36_500).max(36_500);
/** A percentage between 0 and 100 with at most two decimals. */
export const PercentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, {
    error: 'has more than two decimals',
  });
/** A count of documents. */
export const CountSchema = z.number().int().min(0);
/** An amount of money in the account's currency. */
export const AmountSchema = z.number();

/** The reconciliation key; at most 50 characters because EenvoudigFactureren stores no more. */
export const ExternalIdSchema = TextSchema.max(50);

/** A Belgian structured message: 12 digits (the modulo-97 check is a vendor limit, see normalizeStructuredMessage). */
export const StructuredMessageSchema = z.string().regex(/^\d{12}$/, { error: 'must be 12 digits' });

/** One printed reference line; may be blank between others. */
export const ReferenceLineSchema = z.string().refine((s) => !hasControlCharacter(s), { error: 'contains a control character' });

export const AddressSchema = z.strictObject({
  street: TextSchema.optional(),
  street2: TextSchema.optional(),
  postalCode: TextSchema.optional(),
  city: TextSchema.optional(),
  region: TextSchema.optional(),
  countryCode: CountryCodeSchema.optional(),
});
export type Address = z.infer<typeof AddressSchema>;

export const ContactSchema = z.strictObject({
  name: TextSchema.optional(),
  label: TextSchema.optional(),
  salutation: TextSchema.optional(),
  firstName: TextSchema.optional(),
  lastName: TextSchema.optional(),
  email: TextSchema.optional(),
  phone: TextSchema.optional(),
  mobile: TextSchema.optional(),
  fax: TextSchema.optional(),
  website: TextSchema.optional(),
  language: LanguageCodeSchema.optional(),
  address: AddressSchema.optional(),
  externalId: TextSchema.optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const CustomValueSchema = z.strictObject({
  /** The field's stable key in the account (EF internal name, Billomat property name). */
  name: TextSchema,
  /** The field's display label, when the vendor has one apart from the name. */
  label: TextSchema.optional(),
  value: MultilineTextSchema,
});
export type CustomValue = z.infer<typeof CustomValueSchema>;

export const VAT_REGIMES = ['standard', 'reverseCharge', 'exempt'] as const;
export const PRICE_BASES = ['net', 'gross'] as const;
export const DELIVERY_METHODS = ['manual', 'email', 'printService'] as const;
export const NOTE_POSITIONS = ['top', 'bottom', 'replace'] as const;
export const SEPA_SEQUENCE_TYPES = ['oneOff', 'first', 'recurring'] as const;
/** Payment methods, named after Billomat's payment types (the richest of the three vocabularies). */
export const PAYMENT_METHODS = [
  'bankTransfer', 'directDebit', 'cash', 'check', 'paypal', 'creditCard', 'bankCard', 'coupon',
  'invoiceCorrection', 'creditNote', 'misc',
] as const;
export const CUSTOMER_STATUSES = ['active', 'archived'] as const;

export const PersonSchema = z.strictObject({
  salutation: TextSchema.optional(),
  firstName: TextSchema.optional(),
  lastName: TextSchema.optional(),
});

export const TaxSchema = z.strictObject({
  vatNumber: TextSchema.optional(),
  taxNumber: TextSchema.optional(),
  /** Company or enterprise registration number (Belgian KBO/BCE "ondernemingsnummer"). */
  companyId: TextSchema.optional(),
  vatRegistrationPending: z.boolean().optional(),
  regime: z.enum(VAT_REGIMES).optional(),
  /** VAT exemption code when no VAT is charged (EenvoudigFactureren's codes, e.g. `MC`). */
  exemptionCode: TextSchema.optional(),
  /** One-Stop-Shop country whose VAT applies. */
  ossCountry: CountryCodeSchema.optional(),
  priceBasis: z.enum(PRICE_BASES).optional(),
});

export const ChannelsSchema = z.strictObject({
  email: TextSchema.optional(),
  phone: TextSchema.optional(),
  mobile: TextSchema.optional(),
  fax: TextSchema.optional(),
  website: TextSchema.optional(),
});

export const SepaMandateSchema = z.strictObject({
  reference: TextSchema.optional(),
  signedOn: DateSchema.optional(),
  sequenceType: z.enum(SEPA_SEQUENCE_TYPES).optional(),
});

export const BankingSchema = z.strictObject({
  iban: TextSchema.optional(),
  bic: TextSchema.optional(),
  accountHolder: TextSchema.optional(),
  bankName: TextSchema.optional(),
  /** National bank code (German BLZ). */
  bankCode: TextSchema.optional(),
  /** National account number, for accounts without an IBAN. */
  accountNumber: TextSchema.optional(),
  mandate: SepaMandateSchema.optional(),
});

export const CashDiscountSchema = z.strictObject({
  enabled: z.boolean().optional(),
  percent: PercentSchema.optional(),
  days: DaysSchema.optional(),
});

export const TermsSchema = z.strictObject({
  paymentTermDays: DaysSchema.optional(),
  quoteValidityDays: DaysSchema.optional(),
  discountPercent: PercentSchema.optional(),
  cashDiscount: CashDiscountSchema.optional(),
  automaticReminders: z.boolean().optional(),
  reminderDueDays: SignedDaysSchema.optional(),
  paymentMethods: z.array(z.enum(PAYMENT_METHODS)).min(1).optional(),
  structuredMessage: StructuredMessageSchema.optional(),
});

export const NoteSchema = z.strictObject({
  text: MultilineTextSchema.optional(),
  html: MultilineTextSchema.optional(),
});

export const DocumentNoteSchema = NoteSchema.extend({
  position: z.enum(NOTE_POSITIONS).optional(),
});

export const DocumentDefaultsSchema = z.strictObject({
  language: LanguageCodeSchema.optional(),
  currency: CurrencyCodeSchema.optional(),
  deliveryMethod: z.enum(DELIVERY_METHODS).optional(),
  emailIntro: MultilineTextSchema.optional(),
  referenceLines: z
    .array(ReferenceLineSchema)
    .min(1)
    .max(3)
    .refine((lines) => lines.at(-1) !== '', { error: 'the last reference line must not be blank' })
    .optional(),
  note: DocumentNoteSchema.optional(),
  showContact: z.boolean().optional(),
  notesOnInvoice: z.boolean().optional(),
});

export const DocumentCountsSchema = z.strictObject({
  invoices: CountSchema.optional(),
  receipts: CountSchema.optional(),
  quotes: CountSchema.optional(),
  orders: CountSchema.optional(),
  paymentRequests: CountSchema.optional(),
  deliveries: CountSchema.optional(),
  customDocuments: CountSchema.optional(),
  subscriptions: CountSchema.optional(),
});

/** Facts the vendor keeps about a client; read, reported, never written. */
export const FactsSchema = z.strictObject({
  createdAt: DateTimeSchema.optional(),
  updatedAt: DateTimeSchema.optional(),
  lastActivityAt: DateTimeSchema.optional(),
  lastInvoiceDate: DateSchema.optional(),
  documentCounts: DocumentCountsSchema.optional(),
  revenueGross: AmountSchema.optional(),
  revenueNet: AmountSchema.optional(),
});

export const VendorExtensionSchema = z.record(z.string(), z.json());

/** Vendor-only fields, kept so that a round trip to the same vendor is exact. */
export const ExtensionsSchema = z.strictObject({
  eenvoudigfactureren: VendorExtensionSchema.optional(),
  factuursturen: VendorExtensionSchema.optional(),
  billomat: VendorExtensionSchema.optional(),
  spreadsheet: VendorExtensionSchema.optional(),
});

export const CustomerSchema = z.strictObject({
  externalClientId: ExternalIdSchema.optional(),
  /** The human-facing customer number. */
  number: TextSchema.optional(),
  /** Company name (or the person's full name for a private client). */
  name: TextSchema.optional(),
  /** "For the attention of" line. */
  attention: TextSchema.optional(),
  contactPerson: PersonSchema.optional(),
  billingAddress: AddressSchema.optional(),
  deliveryAddress: AddressSchema.optional(),
  siteAddress: AddressSchema.optional(),
  tax: TaxSchema.optional(),
  channels: ChannelsSchema.optional(),
  banking: BankingSchema.optional(),
  terms: TermsSchema.optional(),
  documentDefaults: DocumentDefaultsSchema.optional(),
  notes: NoteSchema.optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  contacts: z.array(ContactSchema).min(1).optional(),
  customValues: z.array(CustomValueSchema).min(1).optional(),
  facts: FactsSchema.optional(),
  extensions: ExtensionsSchema.optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/** Whether the vendor reports documents (invoices, quotes …) for this client; such clients cannot be deleted. */
export function hasDocuments(customer: Customer): boolean {
  const facts = customer.facts;
  if (facts === undefined) return false;
  const counts = Object.values(facts.documentCounts ?? {});
  return (
    counts.some((n) => (n ?? 0) > 0) ||
    facts.lastInvoiceDate !== undefined ||
    (facts.revenueGross ?? 0) !== 0 ||
    (facts.revenueNet ?? 0) !== 0
  );
}
