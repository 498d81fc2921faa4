import { describe, expect, it } from 'vitest';
import { PartnerValidationError } from '../../packages/client/src/errors.js';
import { passesLuhn, validateBilling, validateCard } from '../../packages/client/src/validate-card.js';
import type { CardInput, PaymentDetails } from '../../packages/client/src/validate-card.js';

const NUMBER = '4588883206000011';
// Four digits, so a line or column number in a stack trace cannot look like a leak.
const CVV = '8642';
const NOW = new Date('2026-05-15T12:00:00Z');

function card(overrides: Partial<Record<keyof CardInput, unknown>> = {}): CardInput {
  return { number: NUMBER, cvv: CVV, expireMonth: 12, expireYear: 2030, postalCode: '90210', ...overrides } as CardInput;
}

function billing(overrides: Partial<Record<keyof PaymentDetails, unknown>> = {}): PaymentDetails {
  return {
    type: 'CC',
    first_name: 'John',
    last_name: 'Doe',
    home_phone: '212-867-5309',
    email_address: 'john.doe@example.com',
    address: {
      line1: '123 Main Street',
      line2: '',
      unit: '1h',
      city: 'Los Angeles',
      country: { id: 840 },
      region: { abbrev: 'CA' },
      postal_code: '90210',
    },
    amount: '69.00',
    ...overrides,
  } as PaymentDetails;
}

/** Runs `run`, expects a PartnerValidationError, and checks it leaks neither the number nor the CVV. */
function failure(run: () => unknown, secrets: string[] = [NUMBER, CVV]): PartnerValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PartnerValidationError);
    const { message, stack } = error as PartnerValidationError;
    for (const secret of secrets) {
      expect(message).not.toContain(secret);
      expect(String(stack)).not.toContain(secret);
    }
    return error as PartnerValidationError;
  }
  throw new Error('expected a PartnerValidationError');
}

describe('passesLuhn', () => {
  it('accepts the sandbox card and the later test card', () => {
    expect(passesLuhn(NUMBER)).toBe(true);
    expect(passesLuhn('6011993200001006')).toBe(true);
  });

  it('rejects every single-digit change of the sandbox card', () => {
    for (let position = 0; position < NUMBER.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = NUMBER.slice(0, position) + digit + NUMBER.slice(position + 1);
        if (changed !== NUMBER) expect(passesLuhn(changed), changed).toBe(false);
      }
    }
  });

  it('rejects non-digit input', () => {
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('4588 8832')).toBe(false);
  });
});

describe('validateCard', () => {
  it('normalises a valid card: spaces and dashes removed, strings to numbers', () => {
    const valid = validateCard(card({ number: '4588 8832-0600 0011', expireMonth: '05', expireYear: '2026', cvv: ' 1234 ' }), { now: NOW });
    expect(valid).toEqual({ number: NUMBER, cvv: '1234', expireMonth: 5, expireYear: 2026, postalCode: '90210' });
  });

  it('rejects a number with a changed digit, naming payment.card.number', () => {
    const changed = `${NUMBER.slice(0, -1)}2`;
    const error = failure(() => validateCard(card({ number: changed }), { now: NOW }), [changed, CVV]);
    expect(error.field).toBe('payment.card.number');
    expect(error.message).toMatch(/luhn/i);
  });

  it('rejects numbers that are too short, too long, have letters or are missing', () => {
    for (const number of ['45888832060', '4588883206000011000000', '4588a83206000011', '', undefined, 4588883206000011]) {
      const secrets = typeof number === 'string' && number !== '' ? [number, CVV] : [NUMBER, CVV];
      expect(failure(() => validateCard(card({ number }), { now: NOW }), secrets).field).toBe('payment.card.number');
    }
  });

  it('accepts CVVs of 3 or 4 digits and rejects others as payment.card.cin', () => {
    expect(validateCard(card({ cvv: '0123' }), { now: NOW }).cvv).toBe('0123');
    for (const cvv of ['97', '97531', '97a', '', 975, undefined]) {
      const error = failure(() => validateCard(card({ cvv }), { now: NOW }));
      expect(error.field).toBe('payment.card.cin');
      if (cvv) expect(error.message).not.toContain(String(cvv));
    }
  });

  it('checks the month range and a four-digit year', () => {
    for (const expireMonth of [0, 13, 1.5, '1a', '', undefined]) {
      expect(failure(() => validateCard(card({ expireMonth }), { now: NOW })).field).toBe('payment.card.expire_month');
    }
    for (const expireYear of [30, '30', 20300, '', undefined]) {
      expect(failure(() => validateCard(card({ expireYear }), { now: NOW })).field).toBe('payment.card.expire_year');
    }
  });

  it('treats a card expiring this month as valid and last month as expired', () => {
    expect(validateCard(card({ expireMonth: 5, expireYear: 2026 }), { now: NOW }).expireMonth).toBe(5);
    const expired = failure(() => validateCard(card({ expireMonth: 4, expireYear: 2026 }), { now: NOW }));
    expect(expired.message).toMatch(/expired/);
    expect(failure(() => validateCard(card({ expireMonth: 12, expireYear: 2025 }), { now: NOW })).message).toMatch(/expired/);
    // The documented sandbox expiry is long past.
    expect(() => validateCard(card({ expireMonth: 12, expireYear: 2020 }), { now: NOW })).toThrow(PartnerValidationError);
  });

  it('judges the month by the now it is given', () => {
    const april = card({ expireMonth: 4, expireYear: 2026 });
    expect(() => validateCard(april, { now: new Date('2026-04-30T12:00:00Z') })).not.toThrow();
    // Still 30 April in the Americas: the card is usable there, so it is not rejected yet.
    expect(() => validateCard(april, { now: new Date('2026-05-01T05:00:00Z') })).not.toThrow();
    expect(() => validateCard(april, { now: new Date('2026-05-01T13:00:00Z') })).toThrow(PartnerValidationError);
  });

  it('requires the card postal code', () => {
    for (const postalCode of ['', '   ', undefined]) {
      expect(failure(() => validateCard(card({ postalCode }), { now: NOW })).field).toBe('payment.card.postal_code');
    }
  });

  it('names the card itself when it is missing', () => {
    expect(failure(() => validateCard(undefined as unknown as CardInput)).field).toBe('payment.card');
  });
});

describe('validateBilling', () => {
  it('accepts the documented example, for CC and for INVOICE', () => {
    expect(() => validateBilling(billing())).not.toThrow();
    expect(() => validateBilling(billing({ type: 'INVOICE', amount: undefined, reference: '15278303' }))).not.toThrow();
  });

  it('names each missing top-level field by its path', () => {
    const cases: Array<[keyof PaymentDetails, string]> = [
      ['first_name', 'payment.first_name'],
      ['last_name', 'payment.last_name'],
      ['home_phone', 'payment.home_phone'],
      ['email_address', 'payment.email_address'],
      ['address', 'payment.address'],
      ['type', 'payment.type'],
    ];
    for (const [key, path] of cases) {
      expect(failure(() => validateBilling(billing({ [key]: undefined }))).field, key).toBe(path);
      if (key !== 'address') expect(failure(() => validateBilling(billing({ [key]: '  ' }))).field, key).toBe(path);
    }
  });

  it('names each missing address field by its path', () => {
    const base = billing().address;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ line1: '' }, 'payment.address.line1'],
      [{ line2: undefined }, 'payment.address.line2'],
      [{ city: undefined }, 'payment.address.city'],
      [{ country: undefined }, 'payment.address.country'],
      [{ country: {} }, 'payment.address.country.id'],
      [{ country: { id: '840' } }, 'payment.address.country.id'],
      [{ country: { id: 999 } }, 'payment.address.country.id'],
      [{ region: undefined }, 'payment.address.region'],
      [{ region: { abbrev: '' } }, 'payment.address.region.abbrev'],
      [{ postal_code: undefined }, 'payment.address.postal_code'],
      [{ unit: 7 }, 'payment.address.unit'],
    ];
    for (const [change, path] of cases) {
      expect(failure(() => validateBilling(billing({ address: { ...base, ...change } }))).field, path).toBe(path);
    }
  });

  it('allows an empty line2, no unit, and every documented country id', () => {
    const { unit: _unit, ...address } = billing().address;
    for (const id of [840, 124, 36, 484, 554] as const) {
      expect(() => validateBilling(billing({ address: { ...address, line2: '', country: { id } } }))).not.toThrow();
    }
  });

  it('requires a decimal amount for CC and a reference for INVOICE', () => {
    for (const amount of [undefined, '', 'sixty', '69.999', -1]) {
      expect(failure(() => validateBilling(billing({ amount }))).field).toBe('payment.amount');
    }
    expect(() => validateBilling(billing({ amount: 69 }))).not.toThrow();
    expect(failure(() => validateBilling(billing({ type: 'INVOICE', reference: '' }))).field).toBe('payment.reference');
  });

  it('rejects an email address without an @', () => {
    expect(failure(() => validateBilling(billing({ email_address: 'john.doe' }))).field).toBe('payment.email_address');
  });
});
