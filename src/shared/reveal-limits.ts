// How long a purpose for showing full ID and phone numbers may be (src/shared/reveal.ts states
// the rule). Zod-free, so the phone app can check it without downloading zod.
export const PURPOSE_LIMITS = { min: 2, max: 200 } as const;
