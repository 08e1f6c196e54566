// The contract's request schemas as the browser apps get them without zod: JSON Schema, put in
// at build time from src/shared (scripts/contract.ts). `checkContract`
// judges a body the way the server's zod schema would, for what zod's JSON Schema export keeps:
// types, required and unknown fields, lengths, patterns (UUIDs, days, times), enums, ranges,
// array sizes and unions. String transforms (trim) are not kept: callers trim before checking.
export type ContractSchema = 'HouseholdCreate' | 'PersonCreate' | 'VisitCreate' | 'FormCreate' | 'SignatureDrawn';

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

declare const __CONTRACT_SCHEMAS__: Record<ContractSchema, JsonSchema>;
const schemas = __CONTRACT_SCHEMAS__;

export interface ContractIssue {
  path: string;
  /** English, as the server's own messages; the apps' `server` texts translate them. */
  message: 'required' | 'unknown field' | 'invalid' | 'too long' | 'too short' | 'too many' | 'too few' | 'too small' | 'too big' | 'not an option';
}

const typeOk = (type: string | undefined, v: unknown): boolean => {
  switch (type) {
    case undefined:
      return true;
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isSafeInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
};

const join = (base: string, key: string | number): string => (base ? `${base}.${key}` : String(key));

function walk(s: JsonSchema, v: unknown, path: string, out: ContractIssue[]): void {
  const union = s.oneOf ?? s.anyOf;
  if (union) {
    const tries = union.map((branch) => {
      const issues: ContractIssue[] = [];
      walk(branch, v, path, issues);
      return { branch, issues };
    });
    if (tries.some((t) => t.issues.length === 0)) return;
    // The branch whose constants (a discriminator such as `kind`) the value has says what is wrong.
    const chosen = tries.find((t) => Object.entries(t.branch.properties ?? {}).some(([k, p]) => p.const !== undefined && (v as Record<string, unknown> | null)?.[k] === p.const));
    if (chosen) out.push(...chosen.issues);
    else out.push({ path: path || 'body', message: 'invalid' });
    return;
  }
  if (!typeOk(s.type, v)) {
    out.push({ path: path || 'body', message: 'invalid' });
    return;
  }
  if (s.const !== undefined && v !== s.const) out.push({ path, message: 'invalid' });
  if (s.enum && !s.enum.includes(v)) out.push({ path, message: 'not an option' });
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) out.push({ path, message: v.length === 0 ? 'required' : 'too short' });
    if (s.maxLength !== undefined && v.length > s.maxLength) out.push({ path, message: 'too long' });
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) out.push({ path, message: 'invalid' });
  }
  if (typeof v === 'number') {
    if ((s.minimum !== undefined && v < s.minimum) || (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum)) out.push({ path, message: 'too small' });
    if ((s.maximum !== undefined && v > s.maximum) || (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum)) out.push({ path, message: 'too big' });
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) out.push({ path, message: 'too few' });
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ path, message: 'too many' });
    if (s.items) v.forEach((item, i) => walk(s.items as JsonSchema, item, join(path, i), out));
  }
  if (s.type === 'object' && typeof v === 'object' && v !== null) {
    const record = v as Record<string, unknown>;
    const props = s.properties ?? {};
    for (const key of s.required ?? []) if (record[key] === undefined) out.push({ path: join(path, key), message: 'required' });
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      const prop = props[key];
      if (prop) walk(prop, value, join(path, key), out);
      else if (s.additionalProperties === false) out.push({ path: join(path, key), message: 'unknown field' });
    }
  }
}

/** What the server's schema would refuse in `value`, field by field; none when it is accepted. */
export function checkContract(name: ContractSchema, value: unknown): ContractIssue[] {
  const out: ContractIssue[] = [];
  walk(schemas[name], value, '', out);
  return out;
}
