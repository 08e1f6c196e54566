// The household register's purge (after a stand-down, retention/): a purged person's correction
// requests go with the record they were about.
import type { ForgetPeople } from '../retention/retention-handler.ts';

export const forgetCorrections: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length > 0) await tx.deleteFrom('correction_requests').where('person_id', 'in', [...personIds]).execute();
  return undefined;
};
