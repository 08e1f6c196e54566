// Placeholder: filled in by the module's work (issue 4).
import type { Database } from '../db/connect.ts';
import type { CommandDemoInput } from './command.ts';

export async function seedDemoCheckpoints(_database: Database, _input: CommandDemoInput): Promise<void> {}
