// Every field name a 422 can name is in the user's language: the web app's and the public pages'
// field tables hold a Chinese and an English name for each request field of the API (query,
// path and body, nested ones too), read from the OpenAPI document the same schemas produce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldNames as publicFieldNames } from '../../src/public/field-names.ts';
import { fieldNames as webFieldNames } from '../../src/web/i18n/field-names.ts';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; additionalProperties?: Schema | boolean };
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let t: TestApp;
let doc: Doc;

/** The property names of a schema and of every schema inside it. */
function namesIn(schema: Schema | undefined, out: Set<string>, seen = new Set<Schema>()): void {
  if (!schema || seen.has(schema)) return;
  seen.add(schema);
  const ref = schema.$ref?.replace('#/components/schemas/', '');
  if (ref) namesIn(doc.components?.schemas?.[ref], out, seen);
  for (const [name, inner] of Object.entries(schema.properties ?? {})) {
    out.add(name);
    namesIn(inner, out, seen);
  }
  for (const inner of [schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) namesIn(inner, out, seen);
  if (typeof schema.additionalProperties === 'object') namesIn(schema.additionalProperties, out, seen);
}

function requestFields(paths: (path: string) => boolean): string[] {
  const out = new Set<string>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!paths(path)) continue;
    for (const op of Object.values(operations)) {
      for (const p of op.parameters ?? []) if (p.in !== 'header') out.add(p.name);
      for (const media of Object.values(op.requestBody?.content ?? {})) namesIn(media.schema, out);
    }
  }
  return [...out].sort();
}

beforeAll(async () => {
  t = await buildTestApp();
  const { headers } = await signIn(t.app, 'admin', t.tree.county);
  doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json', headers })).json<Doc>();
});
afterAll(() => t.close());

describe('field names in the user’s language', () => {
  it('the web app names every request field of the API in Chinese and English', () => {
    const fields = requestFields(() => true);
    expect(fields.length).toBeGreaterThan(100);
    const missing = fields.filter((f) => !webFieldNames['zh-CN'][f] || !webFieldNames.en[f]);
    expect(missing).toEqual([]);
  });

  it('the public pages name every field of the public API in Chinese and English', () => {
    const fields = requestFields((path) => path.startsWith('/api/v1/public/'));
    expect(fields.length).toBeGreaterThan(5);
    const missing = fields.filter((f) => !publicFieldNames['zh-CN'][f] || !publicFieldNames.en[f]);
    expect(missing).toEqual([]);
  });
});
