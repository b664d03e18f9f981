import { fileURLToPath } from 'node:url';
import { createDb, type Database, migrateToLatest } from '@hubspoke/db';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases.js';

/**
 * packages/db/src/schema.ts is written by hand next to the migrations; this reads it with the
 * TypeScript compiler and holds it against what the migrations actually built.
 */
const SCHEMA_FILE = fileURLToPath(new URL('../../packages/db/src/schema.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
/** The interface kysely is given (`Kysely<DB>`): one property per table or view. */
const ROOT_INTERFACE = 'DB';
/** The migrator's own bookkeeping, which the application never queries. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Disagreements found when this test was written, each to be settled in schema.ts or by a new
 * migration; its entry goes once it is.
 */
/** Column name → whether it may hold null (undefined when its type does not say). */
type Columns = Map<string, boolean | undefined>;

/** The relations and columns schema.ts declares, by the types the compiler sees. */
function declaredSchema(): { relations: Map<string, Columns>; problems: string[] } {
  const config = ts.getParsedCommandLineOfConfigFile(
    TSCONFIG,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${TSCONFIG}`);
  const program = ts.createProgram([SCHEMA_FILE], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  if (!source) throw new Error(`cannot read ${SCHEMA_FILE}`);
  const problems = ts
    .getPreEmitDiagnostics(program, source)
    .map((d) => `schema.ts does not compile: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);

  const root = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === ROOT_INTERFACE,
  );
  if (!root) throw new Error(`schema.ts has no interface ${ROOT_INTERFACE}`);

  const relations = new Map<string, Columns>();
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(root))) {
    const columns: Columns = new Map();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table)))
      columns.set(column.getName(), mayBeNull(checker, checker.getTypeOfSymbol(column)));
    relations.set(table.getName(), columns);
  }
  return { relations, problems };
}

/**
 * Whether a column's type lets a selected value be null. `ColumnType<Select, Insert, Update>`
 * and `Generated<T>` (a ColumnType) are objects carrying the select type as `__select__`.
 */
function mayBeNull(checker: ts.TypeChecker, type: ts.Type): boolean | undefined {
  const select = type.getProperty('__select__');
  const selected = select ? checker.getTypeOfSymbol(select) : type;
  if (selected.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  if (selected.flags & ts.TypeFlags.Null) return true;
  return selected.isUnion() && selected.types.some((t) => (t.flags & ts.TypeFlags.Null) !== 0);
}

let name: string;
let db: Database;
beforeAll(async () => {
  name = await createTestDatabase();
  db = createDb(databaseUrl(name), { max: 1, namedStatements: false });
  // The clone of the template the global setup migrated: already at the latest migration.
  await migrateToLatest(db);
});
afterAll(async () => {
  await db.destroy();
  await dropTestDatabase(name);
});

/** The relations and columns the migrations built in schema `public`. */
async function migratedSchema(): Promise<Map<string, { view: boolean; columns: Columns }>> {
  const { rows } = await sql<{ table_name: string; table_type: string; column_name: string; is_nullable: string }>`
    select t.table_name, t.table_type, c.column_name, c.is_nullable
    from information_schema.tables t
    join information_schema.columns c using (table_schema, table_name)
    where t.table_schema = 'public' and t.table_name <> all(${MIGRATOR_TABLES})
    order by t.table_name, c.ordinal_position`.execute(db);
  const relations = new Map<string, { view: boolean; columns: Columns }>();
  for (const row of rows) {
    let relation = relations.get(row.table_name);
    if (!relation) {
      relation = { view: row.table_type === 'VIEW', columns: new Map() };
      relations.set(row.table_name, relation);
    }
    relation.columns.set(row.column_name, row.is_nullable === 'YES');
  }
  return relations;
}

describe('packages/db/src/schema.ts', () => {
  it('declares exactly the tables, views and columns the migrations create, with their nullability', async () => {
    const { relations: declared, problems } = declaredSchema();
    const migrated = await migratedSchema();
    const disagreements = [...problems];

    for (const [table, columns] of declared) {
      const actual = migrated.get(table);
      if (!actual) {
        disagreements.push(`${table}: in schema.ts, not in the database`);
        continue;
      }
      for (const [column, nullable] of columns) {
        if (!actual.columns.has(column)) {
          disagreements.push(`${table}.${column}: in schema.ts, not in the database`);
          continue;
        }
        // PostgreSQL reports every column of a view as nullable: only tables say what they allow.
        if (actual.view) continue;
        const dbNullable = actual.columns.get(column);
        if (nullable === undefined)
          disagreements.push(`${table}.${column}: its type in schema.ts does not say whether it may be null`);
        else if (nullable !== dbNullable)
          disagreements.push(
            `${table}.${column}: ${nullable ? 'nullable' : 'not null'} in schema.ts, ${dbNullable ? 'nullable' : 'not null'} in the database`,
          );
      }
    }
    for (const [table, actual] of migrated) {
      const columns = declared.get(table);
      if (!columns) {
        disagreements.push(`${table}: in the database, not in schema.ts`);
        continue;
      }
      for (const column of actual.columns.keys())
        if (!columns.has(column)) disagreements.push(`${table}.${column}: in the database, not in schema.ts`);
    }

    // Guard the comparison itself: both sides were read, and hold the tables every feature uses.
    expect(declared.get('users')?.get('email')).toBe(false);
    expect(declared.get('users')?.get('last_seen_at')).toBe(true);
    expect(migrated.get('users')?.columns.get('email')).toBe(false);
    expect(migrated.get('table_participants')?.view).toBe(true);
    expect(disagreements).toEqual([]);
  });
});
