// Why a verification task went where it went: the server words it in English for the audit and
// the API (tasks.service.ts, take-in.service.ts); both apps show it in the user's language by its
// known shapes, and as it is when a shape is new.
type Translate = (key: string, vars?: Record<string, string | number>) => string;

const SHAPES: readonly [RegExp, string, (m: RegExpExecArray) => Record<string, string>][] = [
  [/^unrouted: no registered person or address matched$/, 'unrouted', () => ({})],
  [/^registered person found by (ID number|phone): routed to their household's grid$/, 'person', (m) => ({ by: m[1] === 'phone' ? 'phone' : 'idNumber' })],
  [/^address matched a registered dwelling of (.+) \(score (\d+)\)$/, 'dwelling', (m) => ({ region: m[1] ?? '', score: m[2] ?? '' })],
  [/^address names (.+) \(score (\d+)\)$/, 'regionName', (m) => ({ region: m[1] ?? '', score: m[2] ?? '' })],
  [/^moved by hand from (.+) to (.+)$/, 'moved', (m) => ({ from: m[1] ?? '', to: m[2] ?? '' })],
  [/^assigned by hand to (.+)$/, 'assigned', (m) => ({ region: m[1] ?? '' })],
  [/^left (.+) for (.+), as its grid recorded$/, 'left', (m) => ({ from: m[1] ?? '', to: m[2] ?? '' })],
];

export function routeReasonText(reason: string, t: Translate): string {
  for (const [shape, key, vars] of SHAPES) {
    const m = shape.exec(reason);
    if (!m) continue;
    const values = vars(m);
    if (values.by) values.by = t(`verification.fields.${values.by}`);
    return t(`verification.reasons.${key}`, values);
  }
  return reason;
}
