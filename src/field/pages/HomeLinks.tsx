// The home page's ways to the day's other work, by role: the QR arrivals to verify (with the
// count waiting, when online), home-quarantine checks, edit conflicts for a grid leader.
import type { ArrivalSummary } from '../../shared/arrivals.ts';
import { values } from '../../client/contract-values.ts';
import { navigate } from '../../client/router.tsx';
import { api } from '../api.ts';
import { useResource } from '../data.ts';
import { useAfterFirstScreen } from '../first-screen.ts';
import { t } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useRunnerState } from '../sync.ts';
import { Button } from '../ui.tsx';

export function HomeLinks() {
  const me = useMe();
  const { online } = useRunnerState();
  const role = me.user.role;
  const verifies = values.ARRIVAL_VERIFIERS.includes(role);
  // Asked once the grid is on screen: its answer would render this part again while a slow
  // phone draws the first screen, and a reopen shows the phone's copy first.
  const later = useAfterFirstScreen();
  const summary = useResource(verifies && online && later ? 'arrivals-summary' : null, () => api<ArrivalSummary>('/arrivals/summary'));
  const pending = summary.data?.byStatus.pending ?? 0;
  return (
    <>
      {verifies ? (
        <div className="badge-host" data-testid="field-arrivals-badge">
          <Button block onClick={() => navigate('/field/arrivals')} data-testid="field-arrivals-link">
            {t('phone.arrivals')}
          </Button>
          {pending > 0 ? <span className="badge">{pending > 99 ? '99+' : pending}</span> : null}
        </div>
      ) : null}
      <Button onClick={() => navigate('/field/tasks')} data-testid="field-tasks-link">
        {t('phone.tasks')}
      </Button>
      {/* 每日上报 is the staff app's page (it works on a phone): a plain link loads it. */}
      <a className="btn" href="/reports/file" data-testid="phone-daily-report">
        {t('phone.dailyReport')}
      </a>
      {values.QUARANTINE_WRITERS.includes(role) ? (
        <Button onClick={() => navigate('/field/quarantine')} data-testid="field-quarantine-link">
          {t('phone.quarantine')}
        </Button>
      ) : null}
      {(values.CONFLICT_RESOLVERS as readonly string[]).includes(role) ? (
        <Button onClick={() => navigate('/field/conflicts')} data-testid="field-conflicts-link">
          {t('phone.conflicts')}
        </Button>
      ) : null}
    </>
  );
}
