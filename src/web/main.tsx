// The staff app's first script, kept tiny: a phone user who opens the sign-in or the home page on a
// phone goes to the phone app before the staff app (antd, the router, the charts) downloads.
import { phoneAppInstead } from '../client/landing.ts';
import { lastKnownMe } from '../client/offline/me-cache.ts';

const instead = phoneAppInstead(location.pathname, lastKnownMe()?.user.role ?? null);
if (instead) location.replace(instead);
else void import('./start.tsx');
