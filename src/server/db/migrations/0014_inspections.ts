// Placeholder: filled in by the module that owns it.
import type { Kysely } from 'kysely';
import type { DialectName } from '../connect.ts';

export async function up(_db: Kysely<unknown>, _dialect: DialectName): Promise<void> {}
