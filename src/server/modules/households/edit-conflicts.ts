// Clashes of offline edits: the server kept its value; the proposed one waits, encrypted, for
// the grid leader to resolve.
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { newId, nowIso } from '../../platform/ids.ts';

export async function recordClashes(
  tx: Db,
  crypto: FieldCrypto,
  actor: Actor,
  target: { entity: string; entityId: string; regionId: number },
  clashes: [string, unknown][],
) {
  for (const [field, proposed] of clashes) {
    await tx
      .insertInto('edit_conflicts')
      .values({
        id: newId(),
        entity: target.entity,
        entity_id: target.entityId,
        region_id: target.regionId,
        field,
        proposed_enc: crypto.encrypt(JSON.stringify(proposed ?? null)),
        user_id: actor.userId,
        at: nowIso(),
        resolved_at: null,
        resolved_by: null,
        resolution: null,
      })
      .execute();
  }
}
