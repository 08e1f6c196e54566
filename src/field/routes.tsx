// The phone app's pages by address, each its own lazy chunk on top of the shell.
import { loadTaskPage } from './pages/task-page.ts';
import { lazy, Suspense } from 'react';
import { values } from '../client/contract-values.ts';
import { match } from '../client/router.tsx';
import { t } from './i18n.ts';
import { useMe } from './session.ts';
import { Empty, Loading } from './ui.tsx';
// The landing page is part of the shell: no second round trip before a worker sees the grid.
import Home from './pages/Home.tsx';

const Household = lazy(() => import('./pages/Household.tsx'));
const Register = lazy(() => import('./pages/Door.tsx').then((m) => ({ default: m.Register })));
const PersonNew = lazy(() => import('./pages/Door.tsx').then((m) => ({ default: m.PersonNew })));
const VisitNew = lazy(() => import('./pages/Door.tsx').then((m) => ({ default: m.VisitNew })));
const Sync = lazy(() => import('./pages/Sync.tsx'));
const SyncEdit = lazy(() => import('./pages/SyncEdit.tsx'));
const Me = lazy(() => import('./pages/Me.tsx'));
const Arrivals = lazy(() => import('./pages/Arrivals.tsx'));
const Arrival = lazy(() => import('./pages/Arrival.tsx'));
const Quarantine = lazy(() => import('./pages/Quarantine.tsx'));
const QuarantineCheck = lazy(() => import('./pages/QuarantineCheck.tsx'));
const PatrolHome = lazy(() => import('./pages/PatrolHome.tsx'));
const PatrolNew = lazy(() => import('./pages/PatrolNew.tsx'));
const InspectionRecord = lazy(() => import('./pages/InspectionRecord.tsx'));
const Conflicts = lazy(() => import('./pages/Conflicts.tsx'));
const FormNew = lazy(() => import('./pages/FormNew.tsx'));
const FormView = lazy(() => import('./pages/FormView.tsx'));
const Tasks = lazy(() => import('./pages/Tasks.tsx'));
const Task = lazy(loadTaskPage);
const Finding = lazy(() => import('./pages/Finding.tsx'));

/** The grid's pages are for its workers and leaders; a patrol member's phone app is the patrol's. */
const isPatrol = (role: string): boolean => values.PATROL_LOG_WRITERS.includes(role as never) && !values.REGISTRARS.includes(role as never);

/** A micro-grid volunteer's light account: its micro-grid's households (masked), visits and 发现问题. */
export const isVolunteer = (role: string): boolean => role === 'volunteer';

/** The grid's pages; `volunteers` opens one to a micro-grid volunteer too (the server scopes it to the micro-grid). */
function GridOnly({ children, volunteers }: { children: React.ReactNode; volunteers?: true }) {
  const me = useMe();
  const allowed = values.REGISTRARS.includes(me.user.role) || (volunteers && isVolunteer(me.user.role));
  if (!allowed) return <Empty>{t('common.forbidden')}</Empty>;
  return <>{children}</>;
}

function VolunteerOnly({ children }: { children: React.ReactNode }) {
  const me = useMe();
  if (!isVolunteer(me.user.role)) return <Empty>{t('common.forbidden')}</Empty>;
  return <>{children}</>;
}

/** The patrol's pages (记录巡查, a checklist): a grid worker or volunteer who types the address meets "no access", not a form the server refuses at 保存. */
function PatrolOnly({ writers, children }: { writers: readonly string[]; children: React.ReactNode }) {
  const me = useMe();
  if (!writers.includes(me.user.role)) return <Empty>{t('common.forbidden')}</Empty>;
  return <>{children}</>;
}

function Route({ path }: { path: string }) {
  const me = useMe();
  if (path === '/field') return isPatrol(me.user.role) ? <PatrolHome /> : <GridOnly volunteers><Home /></GridOnly>;
  if (path === '/field/finding') return <VolunteerOnly><Finding /></VolunteerOnly>;
  if (path === '/field/patrol/new') return <PatrolOnly writers={values.PATROL_LOG_WRITERS}><PatrolNew /></PatrolOnly>;
  const record = match('/field/inspections/:id/record', path);
  if (record) return <PatrolOnly writers={values.INSPECTORS}><InspectionRecord id={record.id ?? ''} /></PatrolOnly>;
  if (path === '/field/me') return <Me />;
  if (path === '/field/register') return <GridOnly><Register /></GridOnly>;
  if (path === '/field/sync') return <Sync />;
  let m = match('/field/sync/:id', path);
  if (m) return <SyncEdit entryId={m.id ?? ''} />;
  m = match('/field/h/:id', path);
  if (m) return <GridOnly volunteers><Household id={m.id ?? ''} /></GridOnly>;
  m = match('/field/h/:id/visit', path);
  if (m) return <GridOnly volunteers><VisitNew id={m.id ?? ''} /></GridOnly>;
  if (path === '/field/arrivals') return <GridOnly><Arrivals /></GridOnly>;
  m = match('/field/arrivals/:id', path);
  if (m) return <GridOnly><Arrival id={m.id ?? ''} /></GridOnly>;
  if (path === '/field/conflicts') return <GridOnly><Conflicts /></GridOnly>;
  if (path === '/field/tasks') return <GridOnly><Tasks /></GridOnly>;
  m = match('/field/tasks/:id', path);
  if (m) return <GridOnly><Task id={m.id ?? ''} /></GridOnly>;
  if (path === '/field/quarantine') return <GridOnly><Quarantine /></GridOnly>;
  m = match('/field/quarantine/:id', path);
  if (m) return <GridOnly><QuarantineCheck id={m.id ?? ''} /></GridOnly>;
  m = match('/field/h/:id/form', path);
  if (m) return <GridOnly><FormNew householdId={m.id ?? ''} /></GridOnly>;
  m = match('/field/forms/:id', path);
  if (m) return <GridOnly><FormView id={m.id ?? ''} /></GridOnly>;
  m = match('/field/h/:id/person', path);
  if (m) return <GridOnly><PersonNew id={m.id ?? ''} /></GridOnly>;
  return <Empty>{t('common.notFound')}</Empty>;
}

export function Page({ path }: { path: string }) {
  return (
    <Suspense fallback={<Loading />}>
      {/* Keyed by path: leaving a page and coming back starts it fresh. */}
      <Route key={path} path={path} />
    </Suspense>
  );
}
