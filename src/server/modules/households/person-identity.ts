// Turning typed ID and phone numbers into what is stored: normalised, validated, encrypted,
// indexed by keyed hash, masked for lists. Errors name the field and never echo the value.
import { looksMasked } from '../../../shared/households.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import { invalid } from '../../platform/errors.ts';

export interface StoredIdNumber {
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  birth_date: string;
  gender: string;
}
export interface StoredPhone {
  enc: string;
  hash: string;
  masked: string;
}

// A masked number sent back (a form prefilled from a list) would overwrite the real one.
const MASKED = 'a masked number cannot be saved: type the full number';

export function storeIdNumber(crypto: FieldCrypto, raw: string, path = 'idNumber'): StoredIdNumber {
  if (looksMasked(raw)) throw invalid(path, MASKED);
  const checked = validateIdNumber(raw);
  if (!checked.ok) throw invalid(path, checked.reason);
  return {
    id_number_enc: crypto.encrypt(checked.value),
    id_number_hash: crypto.index(checked.value),
    id_number_masked: maskIdNumber(checked.value),
    birth_date: checked.birthDate,
    gender: checked.gender,
  };
}

export function storePhone(crypto: FieldCrypto, raw: string, path = 'phone'): StoredPhone {
  if (looksMasked(raw)) throw invalid(path, MASKED);
  const checked = normaliseMobile(raw);
  if (!checked.ok) throw invalid(path, checked.reason);
  return { enc: crypto.encrypt(checked.value), hash: crypto.index(checked.value), masked: maskPhone(checked.value) };
}

/** The hash to look a typed ID number up by, or null when it is not a valid number. */
export function idNumberLookupHash(crypto: FieldCrypto, raw: string): string | null {
  const checked = validateIdNumber(raw);
  return checked.ok ? crypto.index(checked.value) : null;
}
