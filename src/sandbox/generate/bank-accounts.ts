import type { Prng } from '../prng.js';
import { belgianMod97, elevenTestRemainder, ibanCheckDigits, modDigits } from './check-digits.js';

/** A generated bank account with a valid IBAN (ISO 13616 check digits and national checks). */
export interface BankAccount {
  readonly iban: string;
  readonly bic: string;
  readonly bankName: string;
}

interface Bank {
  readonly code: string;
  readonly bic: string;
  readonly name: string;
}

// Real bank codes and BICs, so generated accounts look like what customers actually have.
const BANKS: Readonly<Record<string, readonly Bank[]>> = {
  BE: [
    { code: '001', bic: 'GEBABEBB', name: 'BNP Paribas Fortis' },
    { code: '068', bic: 'GKCCBEBB', name: 'Belfius' },
    { code: '310', bic: 'BBRUBEBB', name: 'ING België' },
    { code: '734', bic: 'KREDBEBB', name: 'KBC' },
    { code: '973', bic: 'ARSPBE22', name: 'Argenta' },
  ],
  NL: [
    { code: 'INGB', bic: 'INGBNL2A', name: 'ING Bank' },
    { code: 'ABNA', bic: 'ABNANL2A', name: 'ABN AMRO' },
    { code: 'RABO', bic: 'RABONL2U', name: 'Rabobank' },
    { code: 'SNSB', bic: 'SNSBNL2A', name: 'SNS' },
    { code: 'TRIO', bic: 'TRIONL2U', name: 'Triodos Bank' },
    { code: 'BUNQ', bic: 'BUNQNL2A', name: 'bunq' },
  ],
  DE: [
    { code: '10010010', bic: 'PBNKDEFFXXX', name: 'Postbank' },
    { code: '37040044', bic: 'COBADEFFXXX', name: 'Commerzbank' },
    { code: '50070010', bic: 'DEUTDEFFXXX', name: 'Deutsche Bank' },
    { code: '50010517', bic: 'INGDDEFFXXX', name: 'ING-DiBa' },
    { code: '70150000', bic: 'SSKMDEMMXXX', name: 'Stadtsparkasse München' },
    { code: '43060967', bic: 'GENODEM1GLS', name: 'GLS Gemeinschaftsbank' },
  ],
  FR: [{ code: '30004', bic: 'BNPAFRPPXXX', name: 'BNP Paribas' }],
  LU: [{ code: '001', bic: 'BCEELULL', name: 'Spuerkeess' }],
  AT: [{ code: '20111', bic: 'GIBAATWWXXX', name: 'Erste Bank' }],
  CH: [{ code: '00762', bic: 'UBSWCHZH80A', name: 'UBS' }],
};

/** Countries the generator can produce accounts for. */
export const BANK_COUNTRIES = Object.keys(BANKS);

/** A bank account in `country` (falls back to a German account for other countries). */
export function generateBankAccount(prng: Prng, country: string): BankAccount {
  const home = BANKS[country] === undefined ? 'DE' : country;
  const bank = prng.pick(BANKS[home] ?? []);
  const bban = nationalAccount(prng, home, bank.code);
  return { iban: `${home}${ibanCheckDigits(home, bban)}${bban}`, bic: bank.bic, bankName: bank.name };
}

function nationalAccount(prng: Prng, country: string, bankCode: string): string {
  switch (country) {
    case 'BE': {
      // Bank code + 7 digits + Belgian mod 97 of those 10 digits.
      const body = `${bankCode}${prng.digits(7)}`;
      return `${body}${belgianMod97(body)}`;
    }
    case 'NL':
      // 10-digit account numbers passing the old elfproef (weights 10…1), as most still do.
      for (;;) {
        const account = prng.digits(10);
        if (elevenTestRemainder(account) === 0) return `${bankCode}${account}`;
      }
    case 'FR': {
      // Bank + branch + 11-digit account + RIB key (97 − (89·bank + 15·branch + 3·account) mod 97).
      const branch = prng.digits(5);
      const account = prng.digits(11);
      const key = 97 - ((89 * Number(bankCode) + 15 * Number(branch) + 3 * modDigits(account, 97)) % 97);
      return `${bankCode}${branch}${account}${String(key).padStart(2, '0')}`;
    }
    case 'LU':
      return `${bankCode}${prng.digits(13)}`;
    case 'AT':
      return `${bankCode}${prng.digits(11)}`;
    case 'CH':
      return `${bankCode}${prng.digits(12)}`;
    default:
      return `${bankCode}${prng.digits(10)}`;
  }
}
