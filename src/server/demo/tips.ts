// Demo tips for the demo county (being built: issue 6).
import type { Database } from '../db/connect.ts';
import type { CommandDemoInput } from './command.ts';

export async function seedDemoTips(_database: Database, _input: CommandDemoInput): Promise<void> {}
