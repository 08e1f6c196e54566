// A PATCH body names only what the caller wants to change; services write (and audit) only the
// fields whose value really differs, so a resent form is a no-op and the audit lists true changes.

/**
 * The columns a partial update changes: `set` maps column → value to write, `fields` names the
 * changed API fields in `columns` order. A field left out of the patch or equal to the current
 * value is skipped; `encode` converts a value for its column (booleans through the dialect codec).
 */
export function changedColumns<F extends string>(
  current: NoInfer<{ [K in F]: unknown }>,
  patch: NoInfer<{ [K in F]?: unknown }>,
  columns: { readonly [K in F]: string },
  encode: NoInfer<{ [K in F]?: (value: never) => unknown }> = {},
): { set: Record<string, unknown>; fields: F[] } {
  const set: Record<string, unknown> = {};
  const fields: F[] = [];
  for (const field of Object.keys(columns) as F[]) {
    const value = patch[field];
    if (value === undefined || value === current[field]) continue;
    const toColumn = encode[field] as ((value: unknown) => unknown) | undefined;
    set[columns[field]] = toColumn ? toColumn(value) : value;
    fields.push(field);
  }
  return { set, fields };
}
