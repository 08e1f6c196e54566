// English for texts.ts (same keys: the type makes a missing one a compile error).
import type { phoneZh } from './texts.ts';

export const phoneEn: typeof phoneZh = {
  title: 'GridGuard · Phone',
  back: 'Back',
  menu: 'Me',
  name: 'Name',
  role: 'Role',
  region: 'Region',
  desktop: 'Open the desktop version',
  changePassword: 'Change password',
  desktopHint: 'Daily reports, quarantine orders, statistics and the rest are in the desktop version.',
  signOut: 'Sign out',
  signInSub: 'Phone app · works on a weak signal or none',
  arrivals: 'QR arrivals to verify',
  quarantine: 'Quarantine checks',
  tasks: 'Verification tasks',
  conflicts: 'Edit conflicts',
  formOnServer: 'This form is on the platform now; it shows when you are online.',
  needsSignal: 'This needs the network: try again when you have a signal.',
  dailyReport: 'Daily report',
  backToList: 'Back to the list',
  reveal: {
    submit: 'Show full numbers', warn: 'Showing full numbers is recorded in the audit log; state the purpose truthfully.', purpose: 'Purpose',
    purposePlaceholder: 'e.g. check against the ID card', purposeMin: 'At least {{min}} characters', cancel: 'Cancel',
  },
  risk: { green: 'Green', yellow: 'Yellow', red: 'Red' },
};
