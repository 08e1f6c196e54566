// Issue 19: the HQ's "who carries how many" names its top contacts (responsible people with no
// account) by their phone's keyed hash, and an access request finds a person's roles the same
// way; without an index each of those reads walked every responsible person of the county
// (1.4–2.5 s of one request on the 250,000-person demo). (phone_hash, to_at): the current
// members of one contact are one index range.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('resp_members_phone').on('responsible_members').columns(['phone_hash', 'to_at']).execute();
}
