// Measures, by parsing the server's source, how far modules reach past their own boundaries:
//   crossTableUses   a module (or platform) naming another module's table in SQL;
//   routeSql         SQL written in a *.routes.ts file instead of the module's queries/services;
//   dialectRefs      code outside src/server/db/ that asks which database it runs on;
//   statsUpward      imports from the stats module into other modules than regions (stats sits
//                    below every module but the territory it counts by).
// Who owns a table is read from src/server/db/schema.ts: each table's row type is imported from
// the `<module>.tables.ts` (or platform/platform.tables.ts) that declares it.
// test/module-boundaries.unit.test.ts holds the ceilings; `npx tsx test/support/module-boundaries.ts`
// prints the figures with every place counted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = path.join(ROOT, 'src/server');

/** The builder calls whose first argument names a table. */
const TABLE_CALLS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'innerJoinLateral', 'leftJoinLateral']);
/** The builder calls that start a statement: what a route must not hold. */
const STATEMENT_CALLS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
/** Names that mean "which database is this": only src/server/db/ may know. */
const DIALECT_NAMES = new Set(['dialect', 'DialectName', 'isPostgres', 'isSqlite']);
/** Tables named in raw SQL text. */
const RAW_TABLE = /\b(?:from|join|into|update|table)\s+"?([a-z_]+)"?/gi;

export type Place = { file: string; line: number; detail: string };
export type Figures = {
  crossTableUses: Place[];
  routeSql: Place[];
  dialectRefs: Place[];
  statsUpward: Place[];
  webImports: Place[];
};

const WEB = path.join(ROOT, 'src/web');

function sourceFiles(dir: string, withTests = false): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full === path.join(SERVER, 'db/migrations')) continue; // history: migrations create every table
      out.push(...sourceFiles(full, withTests));
    } else if (/\.tsx?$/.test(entry.name) && (withTests || !entry.name.endsWith('.test.ts'))) out.push(full);
  }
  return out;
}

/** The part of the server a file belongs to: a module's name, or platform, db, demo, app. */
export function ownerOfFile(file: string): string {
  const rel = path.relative(SERVER, file).split(path.sep);
  if (rel[0] === 'modules' && rel.length > 2 && rel[1]) return rel[1];
  if (rel[0] === 'platform' || rel[0] === 'db' || rel[0] === 'demo') return rel[0];
  return 'app';
}

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** table name → owning module, from the DB interface in schema.ts and the imports of its row types. */
export function tableOwners(): Map<string, string> {
  const schemaFile = path.join(SERVER, 'db/schema.ts');
  const source = parse(schemaFile);
  const typeHome = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const home = ownerOfFile(path.resolve(path.dirname(schemaFile), stmt.moduleSpecifier.text));
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) typeHome.set(el.name.text, home);
    }
  }
  for (const stmt of source.statements) {
    if (!ts.isInterfaceDeclaration(stmt) || stmt.name.text !== 'DB') continue;
    for (const member of stmt.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
      const table = (member.name as ts.Identifier).text;
      const typeName = member.type.typeName.getText(source);
      // A row type declared in schema.ts itself (import staging) belongs to the db layer.
      owners.set(table, typeHome.get(typeName) ?? 'db');
    }
  }
  if (owners.size === 0) throw new Error('module-boundaries: found no tables in the DB interface of schema.ts');
  return owners;
}

const calleeName = (call: ts.CallExpression): string | undefined =>
  ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : undefined;

/** A table named by a builder argument: 'regions', 'regions as r', ['persons as p', …]. */
function tablesInArgument(arg: ts.Expression | undefined): string[] {
  if (!arg) return [];
  if (ts.isStringLiteralLike(arg)) return [arg.text.trim().split(/\s+/)[0] ?? ''];
  if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap((e) => tablesInArgument(e as ts.Expression));
  return [];
}

const isSqlTag = (tag: ts.Expression): boolean =>
  (ts.isIdentifier(tag) && tag.text === 'sql') || (ts.isPropertyAccessExpression(tag) && tag.expression.getText() === 'sql');

function templateText(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => ` ? ${s.literal.text}`)].join('');
}

export function measure(): Figures {
  const owners = tableOwners();
  const figures: Figures = { crossTableUses: [], routeSql: [], dialectRefs: [], statsUpward: [], webImports: webImports() };
  for (const file of sourceFiles(SERVER)) {
    const rel = path.relative(ROOT, file);
    const owner = ownerOfFile(file);
    const source = parse(file);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const boundaryChecked = owner !== 'db' && owner !== 'demo' && owner !== 'app';
    const isRoutes = file.endsWith('.routes.ts');
    const inDb = owner === 'db';

    const useTable = (table: string, node: ts.Node) => {
      const home = owners.get(table);
      if (boundaryChecked && home && home !== owner) figures.crossTableUses.push({ file: rel, line: lineOf(node), detail: `${owner} → ${table} (${home})` });
    };

    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name && TABLE_CALLS.has(name)) for (const t of tablesInArgument(node.arguments[0])) useTable(t, node);
        if (name === 'table' && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText(source) === 'sql') {
          for (const t of tablesInArgument(node.arguments[0])) useTable(t, node);
        }
        if (isRoutes && name && STATEMENT_CALLS.has(name)) figures.routeSql.push({ file: rel, line: lineOf(node), detail: name });
      }
      if (ts.isTaggedTemplateExpression(node) && isSqlTag(node.tag)) {
        const text = templateText(node.template);
        for (const [, table = ''] of text.matchAll(RAW_TABLE)) if (owners.has(table)) useTable(table, node);
        if (isRoutes) figures.routeSql.push({ file: rel, line: lineOf(node), detail: 'sql`…`' });
      }
      if (!inDb && ts.isIdentifier(node) && DIALECT_NAMES.has(node.text) && !ts.isImportSpecifier(node.parent)) {
        figures.dialectRefs.push({ file: rel, line: lineOf(node), detail: node.text });
      }
      if (owner === 'stats' && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = ownerOfFile(path.resolve(path.dirname(file), node.moduleSpecifier.text));
        if (!['stats', 'regions', 'platform', 'db', 'app'].includes(target) && !node.moduleSpecifier.text.includes('/shared/')) {
          figures.statsUpward.push({ file: rel, line: lineOf(node), detail: `stats → ${target}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return figures;
}

/** Imports (static, dynamic, re-exports) from any server file, tests included, into src/web: the
 * server must run without the browser apps' code, so words both need live in src/shared. */
export function webImports(serverDir = SERVER, webDir = WEB): Place[] {
  const places: Place[] = [];
  for (const file of sourceFiles(serverDir, true)) {
    const source = parse(file);
    const visit = (node: ts.Node): void => {
      let specifier: ts.Expression | undefined;
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specifier = node.moduleSpecifier;
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = node.arguments[0];
      if (specifier && ts.isStringLiteralLike(specifier) && specifier.text.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier.text);
        if (target === webDir || target.startsWith(webDir + path.sep)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          places.push({ file: path.relative(ROOT, file), line, detail: specifier.text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return places;
}

/** How many, per key: used to print a figure's breakdown. */
export function tally(places: Place[], key: (p: Place) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of places) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const f = measure();
  const verbose = process.argv.includes('--places');
  const tableOf = (p: Place) => p.detail.split(' ')[2] ?? '';
  const userOf = (p: Place) => p.detail.split(' ')[0] ?? '';
  console.log(`cross-module table uses: ${f.crossTableUses.length}`);
  console.log(`  by table: ${tally(f.crossTableUses, tableOf).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`  by user:  ${tally(f.crossTableUses, userOf).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`SQL in routes: ${f.routeSql.length}`);
  console.log(`  by file:  ${tally(f.routeSql, (p) => path.basename(p.file)).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`dialect references outside src/server/db/: ${f.dialectRefs.length}`);
  console.log(`  by file:  ${tally(f.dialectRefs, (p) => path.basename(p.file)).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`stats imports into other modules: ${f.statsUpward.length}`);
  console.log(`server files importing from src/web: ${f.webImports.length}`);
  if (verbose) for (const [name, places] of Object.entries(f)) for (const p of places as Place[]) console.log(`${name}\t${p.file}:${p.line}\t${p.detail}`);
}
