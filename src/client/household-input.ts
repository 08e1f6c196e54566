// A household form's values as the contract's body: trimmed, blanks left out, the landlord only
// for a rented dwelling. The staff app's drawer and the phone app's register form both send this.
import type { HouseholdCreate } from '../shared/households.ts';

export interface HouseholdFormValues {
  regionId: number;
  address: string;
  building?: string;
  unit?: string;
  room?: string;
  isRental: boolean;
  landlordName?: string;
  landlordPhone?: string;
}

/** Trimmed text, or nothing for a blank field. */
export const optionalText = (v: string | undefined | null): string | undefined => (v && v.trim() ? v.trim() : undefined);

export const householdBodyOf = (v: HouseholdFormValues): Omit<HouseholdCreate, 'id'> => ({
  regionId: v.regionId,
  address: v.address.trim(),
  building: optionalText(v.building),
  unit: optionalText(v.unit),
  room: optionalText(v.room),
  isRental: v.isRental,
  landlordName: v.isRental ? optionalText(v.landlordName) : undefined,
  landlordPhone: v.isRental ? optionalText(v.landlordPhone) : undefined,
});
