// Duplicate tips: several people report the same gathering in their own words. A tip is taken
// for a duplicate of a recent one in the same region and category when the places read the
// same once spacing and case are ignored, or the descriptions share most character pairs
// (bigrams suit Chinese text, which has no spaces between words).

/** Trimmed, inner whitespace collapsed (full-width spaces too), case-folded. */
export function normalisePlace(place: string | null | undefined): string {
  return (place ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function bigrams(text: string): Map<string, number> {
  const chars = [...normalisePlace(text).replace(/\s+/g, '')];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice coefficient over character bigrams (with multiplicity): 1 = same, 0 = nothing shared. */
export function bigramDice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let sizeX = 0;
  let sizeY = 0;
  for (const n of x.values()) sizeX += n;
  for (const n of y.values()) sizeY += n;
  // One character or none: only the same text counts.
  if (sizeX === 0 || sizeY === 0) return normalisePlace(a) !== '' && normalisePlace(a) === normalisePlace(b) ? 1 : 0;
  let shared = 0;
  for (const [pair, n] of x) shared += Math.min(n, y.get(pair) ?? 0);
  return (2 * shared) / (sizeX + sizeY);
}

export const DUPLICATE_DICE = 0.6;
/** How far back a new tip looks for the tip it repeats. */
export const DUPLICATE_WINDOW_HOURS = 48;

export function isDuplicate(a: { place: string | null; description: string }, b: { place: string | null; description: string }): boolean {
  const placeA = normalisePlace(a.place);
  if (placeA !== '' && placeA === normalisePlace(b.place)) return true;
  return bigramDice(a.description, b.description) >= DUPLICATE_DICE;
}
