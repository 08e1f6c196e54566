// The household register's purge (after a stand-down, retention/) and forms: the purged
// households' and people's forms go, with the signature images and scans no other form names.
import type { ForgetPeople } from '../retention/retention-handler.ts';

export const forgetForms: ForgetPeople = async (tx, { personIds, householdIds }) => {
  if (personIds.length === 0 && householdIds.length === 0) return undefined;
  const ofThem = tx
    .selectFrom('forms')
    .where((eb) => eb.or([...(householdIds.length > 0 ? [eb('household_id', 'in', [...householdIds])] : []), ...(personIds.length > 0 ? [eb('person_id', 'in', [...personIds])] : [])]));
  const forms = await ofThem.select(['id', 'signature_sha256']).execute();
  if (forms.length === 0) return undefined;
  await tx.deleteFrom('forms').where('id', 'in', forms.map((f) => f.id)).execute();
  const files = [...new Set(forms.flatMap((f) => (f.signature_sha256 ? [f.signature_sha256] : [])))];
  if (files.length > 0) {
    const stillNamed = new Set((await tx.selectFrom('forms').select('signature_sha256').where('signature_sha256', 'in', files).execute()).map((f) => f.signature_sha256));
    const unnamed = files.filter((f) => !stillNamed.has(f));
    if (unnamed.length > 0) await tx.deleteFrom('form_files').where('sha256', 'in', unnamed).execute();
  }
  return undefined;
};
