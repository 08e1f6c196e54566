// Field text as people type it on phones and in spreadsheets: full-width digits and letters
// (１２３, ｘ), ideographic spaces, stray spaces and dashes. No Node or DOM imports.

/** Full-width ASCII variants (U+FF01–U+FF5E) to ASCII, ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Mainland mobile numbers: 11 digits starting 13–19, after removing +86, spaces and dashes. */
export function normaliseMobile(raw: string): { ok: true; value: string } | { ok: false; reason: string; code: 'mobile_digits' | 'mobile_length' | 'mobile_prefix' } {
  const compact = toHalfWidth(raw).replace(/[\s\-()]/g, '').replace(/^(\+86|0086)/, '');
  if (!/^\d+$/.test(compact)) return { ok: false, code: 'mobile_digits', reason: 'a mobile number has digits only' };
  if (compact.length !== 11) return { ok: false, code: 'mobile_length', reason: `a mobile number has 11 digits, this has ${compact.length}` };
  if (!/^1[3-9]/.test(compact)) return { ok: false, code: 'mobile_prefix', reason: 'a mainland mobile number starts with 13–19' };
  return { ok: true, value: compact };
}
