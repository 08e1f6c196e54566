// Which module purges each kind of personal data, and who links photos and sealed uploads (the
// purge drops a photo or file only when none does). Typed as a Record of every kind: a kind
// added to shared/retention.ts without its handler does not compile.
import type { RetentionKind } from '../../../shared/retention.ts';
import type { Db } from '../../db/schema.ts';
import { arrivalsRetention, forgetArrivalLinks } from '../arrivals/arrivals.retention.ts';
import { familyEventsRetention } from '../family-events/family-events.retention.ts';
import { forgetForms } from '../forms/forms.retention.ts';
import { forgetHandovers, handoversRetention, peopleBeingHandedOver } from '../handovers/handovers.retention.ts';
import { householdRegisterRetention } from '../households/households.retention.ts';
import { forgetImportedPeople, importFilesRetention, importUploadLinks } from '../imports/imports.retention.ts';
import { rectificationPhotoLinks, rectificationPhotosRetention } from '../inspections/inspections.retention.ts';
import { noticePhotoLinks } from '../notices/notices.queries.ts';
import { patrolPhotoLinks, patrolPhotosRetention } from '../patrols/patrols.retention.ts';
import { forgetCorrections } from '../person-access/person-access.retention.ts';
import { forgetQuarantines, peopleInQuarantine, quarantineRetention } from '../quarantine/quarantine.retention.ts';
import { forgetResponsibilities, responsibleContactsRetention, volunteerContactsRetention } from '../responsibility/responsibility.retention.ts';
import { forgetRiskColours } from '../risk/risk.retention.ts';
import { tipPhotoLinks, tipReportersRetention } from '../tips/tips.retention.ts';
import { verificationPhotoLinks, verificationUploadLinks } from '../verification/verification-photos.ts';
import { enterpriseWorkersRetention, forgetVerificationLinks, verificationRetention } from '../verification/verification.retention.ts';
import type { DueRecord, PhotoLinks, PurgeOutcome, RetentionHandler } from './retention-handler.ts';

export const RETENTION_HANDLERS: Record<RetentionKind, readonly RetentionHandler[]> = {
  arrivals: [arrivalsRetention],
  quarantine: [quarantineRetention],
  verification: [verificationRetention],
  enterprise_workers: [enterpriseWorkersRetention],
  handovers: [handoversRetention],
  responsible_contacts: [responsibleContactsRetention],
  volunteer_contacts: [volunteerContactsRetention],
  tip_reporters: [tipReportersRetention],
  // Two owners' photos under one setting: patrol logs' and rectifications'.
  field_photos: [patrolPhotosRetention, rectificationPhotosRetention],
  import_files: [importFilesRetention],
  family_events: [familyEventsRetention],
};

/**
 * The household register, purged after a stand-down whose county chose so: its people wait while
 * a module still works on them (held), and every module holding records of a person removes or
 * unlinks them in the batch that removes the person (forget). A module whose table names a
 * person (person_id, household_id) must be in `forget`, or the people's delete fails on its key.
 */
export const REGISTER_HANDLERS: readonly RetentionHandler[] = householdRegisterRetention({
  held: [peopleInQuarantine, peopleBeingHandedOver],
  forget: [forgetQuarantines, forgetHandovers, forgetForms, forgetRiskColours, forgetCorrections, forgetResponsibilities, forgetArrivalLinks, forgetVerificationLinks, forgetImportedPeople],
});

const PHOTO_LINKS: readonly PhotoLinks[] = [tipPhotoLinks, patrolPhotoLinks, rectificationPhotoLinks, noticePhotoLinks, verificationPhotoLinks];
const UPLOAD_LINKS: readonly ((db: Db, refs: readonly string[]) => Promise<string[]>)[] = [importUploadLinks, verificationUploadLinks];

/** Of these digests, those no module's record links. */
export async function unlinkedPhotos(db: Db, digests: readonly string[]): Promise<string[]> {
  const unique = [...new Set(digests)];
  if (unique.length === 0) return [];
  const linked = new Set<string>();
  for (const links of PHOTO_LINKS) for (const d of await links(db, unique)) linked.add(d);
  return unique.filter((d) => !linked.has(d));
}

/** Of these sealed upload refs, those no job or list names. */
export async function unlinkedUploads(db: Db, refs: readonly string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const linked = new Set<string>();
  for (const links of UPLOAD_LINKS) for (const r of await links(db, refs)) linked.add(r);
  return refs.filter((r) => !linked.has(r));
}

export type { DueRecord, PurgeOutcome, RetentionHandler };
