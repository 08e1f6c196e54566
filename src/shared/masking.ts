// Masked numbers as lists show them. No zod here: the phone app imports it (zod is too heavy for it).

/** A masked number as lists show it (e.g. 139****1111): never a value to save. */
export const looksMasked = (value: string): boolean => /[*＊•]/.test(value);
