// Routes: sign-in outside the shell; every other page inside it, code-split with React.lazy.
import { Suspense, lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { FullPageSpin, RequireAuth, RequireCapability } from './guards.tsx';
import { HomePage } from './HomePage.tsx';
import { LeaveForPhoneApp } from './phone-app.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Shell } from './Shell.tsx';

const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const ProfilePage = lazy(() => import('../features/auth/ProfilePage.tsx'));
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage.tsx'));
const TerritoryPage = lazy(() => import('../features/regions/TerritoryPage.tsx'));
const UsersPage = lazy(() => import('../features/accounts/UsersPage.tsx'));
const HouseholdsPage = lazy(() => import('../features/households/HouseholdsPage.tsx'));
const PersonSearchPage = lazy(() => import('../features/households/PersonSearchPage.tsx'));
const DeparturePage = lazy(() => import('../features/households/DeparturePage.tsx'));
const HouseholdDetailPage = lazy(() => import('../features/households/HouseholdDetailPage.tsx'));
const PersonImportPage = lazy(() => import('../features/imports/PersonImportPage.tsx'));
const EditConflictsPage = lazy(() => import('../features/households/EditConflictsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const FormsPage = lazy(() => import('../features/forms/FormsPage.tsx'));
const CheckpointsPage = lazy(() => import('../features/checkpoints/CheckpointsPage.tsx'));
const TipsPage = lazy(() => import('../features/tips/TipsPage.tsx'));
const ArrivalsPage = lazy(() => import('../features/arrivals/ArrivalsPage.tsx'));
const NoticesPage = lazy(() => import('../features/notices/NoticesPage.tsx'));
const FamilyEventsPage = lazy(() => import('../features/family-events/FamilyEventsPage.tsx'));
const PatrolsPage = lazy(() => import('../features/patrols/PatrolsPage.tsx'));
const QuarantinePage = lazy(() => import('../features/quarantine/QuarantinePage.tsx'));
const RiskRulesPage = lazy(() => import('../features/risk/RiskRulesPage.tsx'));
const ResponsibilityPage = lazy(() => import('../features/responsibility/ResponsibilityPage.tsx'));
const InspectionsPage = lazy(() => import('../features/inspections/InspectionsPage.tsx'));
const RectificationsPage = lazy(() => import('../features/inspections/RectificationsPage.tsx'));
const HandoversPage = lazy(() => import('../features/handovers/HandoversPage.tsx'));
const PatrolTeamsPage = lazy(() => import('../features/inspections/PatrolTeamsPage.tsx'));
const FormCreatePage = lazy(() => import('../features/forms/FormCreatePage.tsx'));
const FormDetailPage = lazy(() => import('../features/forms/FormDetailPage.tsx'));
const FormPrintPage = lazy(() => import('../features/forms/FormPrintPage.tsx'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx'));
const ReportFilePage = lazy(() => import('../features/reports/ReportFilePage.tsx'));
const RollupPage = lazy(() => import('../features/reports/RollupPage.tsx'));
const RemindersPage = lazy(() => import('../features/reports/RemindersPage.tsx'));
const VerificationPage = lazy(() => import('../features/verification/VerificationPage.tsx'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage.tsx'));
const RetentionPage = lazy(() => import('../features/settings/RetentionPage.tsx'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // 修改密码: outside the shell, so an account that must change its password sees nothing else.
  {
    path: '/password',
    element: (
      <RequireAuth>
        <Suspense fallback={<FullPageSpin />}>
          <ChangePasswordPage />
        </Suspense>
      </RequireAuth>
    ),
  },
  // 指挥大屏: full-bleed for a wall screen, outside the console's shell.
  {
    path: '/dashboard',
    element: (
      <RequireAuth>
        <RequireCapability capability="dashboard">
          <Suspense fallback={<FullPageSpin />}>
            <DashboardPage />
          </Suspense>
        </RequireCapability>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'territory', element: <TerritoryPage /> },
      {
        path: 'households',
        element: (
          <RequireCapability capability="households">
            <HouseholdsPage />
          </RequireCapability>
        ),
      },
      { path: 'persons', element: <RequireCapability capability="households"><PersonSearchPage /></RequireCapability> },
      // 离开辖区 and its printable 协查函.
      { path: 'persons/:id/departure', element: <RequireCapability capability="households"><DeparturePage /></RequireCapability> },
      { path: 'households/import', element: <RequireCapability capability="households.register"><PersonImportPage /></RequireCapability> },
      { path: 'households/conflicts', element: <RequireCapability capability="households"><EditConflictsPage /></RequireCapability> },
      {
        path: 'households/:id',
        element: (
          <RequireCapability capability="households">
            <HouseholdDetailPage />
          </RequireCapability>
        ),
      },
      { path: 'forms', element: <RequireCapability capability="forms"><FormsPage /></RequireCapability> },
      { path: 'checkpoints', element: <RequireCapability capability="checkpoints"><CheckpointsPage /></RequireCapability> },
      { path: 'family-events', element: <RequireCapability capability="familyEvents"><FamilyEventsPage /></RequireCapability> },
      { path: 'patrols', element: <RequireCapability capability="patrols"><PatrolsPage /></RequireCapability> },
      // 居家隔离: the feature routes its own sub-pages (order detail, alerts, printable notice) under /quarantine/*.
      { path: 'quarantine/*', element: <RequireCapability capability="quarantine"><QuarantinePage /></RequireCapability> },
      // The public side's staff pages: each feature routes its own sub-pages.
      { path: 'tips/*', element: <RequireCapability capability="tips"><TipsPage /></RequireCapability> },
      { path: 'arrivals/*', element: <RequireCapability capability="arrivals"><ArrivalsPage /></RequireCapability> },
      { path: 'notices/*', element: <RequireCapability capability="notices"><NoticesPage /></RequireCapability> },
      // 核查名单 and 核查任务: the feature routes its sub-pages (upload, a list, the tasks); each checks its capability.
      { path: 'verification/*', element: <RequireCapability capability="verification.tasks"><VerificationPage /></RequireCapability> },
      { path: 'risk', element: <RequireCapability capability="risk"><RiskRulesPage /></RequireCapability> },
      { path: 'responsibility', element: <RequireCapability capability="responsibility"><ResponsibilityPage /></RequireCapability> },
      { path: 'inspections/*', element: <RequireCapability capability="inspections"><InspectionsPage /></RequireCapability> },
      { path: 'handovers', element: <RequireCapability capability="handovers"><HandoversPage /></RequireCapability> },
      { path: 'rectifications/*', element: <RequireCapability capability="rectifications"><RectificationsPage /></RequireCapability> },
      { path: 'patrol-teams/*', element: <RequireCapability capability="patrolTeams"><PatrolTeamsPage /></RequireCapability> },
      { path: 'forms/new', element: <RequireCapability capability="forms.sign"><FormCreatePage /></RequireCapability> },
      { path: 'forms/:id', element: <RequireCapability capability="forms"><FormDetailPage /></RequireCapability> },
      { path: 'forms/:id/print', element: <RequireCapability capability="forms"><FormPrintPage /></RequireCapability> },
      {
        path: 'users',
        element: (
          <RequireCapability capability="users">
            <UsersPage />
          </RequireCapability>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireCapability capability="audit">
            <AuditPage />
          </RequireCapability>
        ),
      },
      // 移动排摸 and the other phone pages are the phone app's (field.html): a link here leaves for it.
      { path: 'field/*', element: <LeaveForPhoneApp /> },
      // 每日一上报: grids file, villages/towns/county read the roll-up; county settings.
      { path: 'reports', element: <RequireCapability capability="reports"><RollupPage /></RequireCapability> },
      { path: 'reports/file', element: <RequireCapability capability="reports.fileFor"><ReportFilePage /></RequireCapability> },
      { path: 'reports/reminders', element: <RequireCapability capability="reports"><RemindersPage /></RequireCapability> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'settings/retention', element: <RequireCapability capability="retention"><RetentionPage /></RequireCapability> },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
