// The navigation menu, filtered by role. Capabilities that do not exist yet have no entry.
import { FileSearchOutlined, NotificationOutlined, OrderedListOutlined, QrcodeOutlined, SearchOutlined, SoundOutlined, SwapOutlined } from '@ant-design/icons';
import { AlertOutlined, AuditOutlined, BgColorsOutlined, CheckSquareOutlined, EyeOutlined, UsergroupAddOutlined, SafetyOutlined, CalendarOutlined, ClusterOutlined, FundProjectionScreenOutlined, SettingOutlined, FileTextOutlined, HomeOutlined, MobileOutlined, ScheduleOutlined, SolutionOutlined, StopOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Role } from '../../shared/accounts.ts';
import { type Capability, can } from './access.ts';

interface NavEntry {
  path: string;
  labelKey: string;
  icon: ReactNode;
  capability: Capability | null;
}

const ENTRIES: NavEntry[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined />, capability: null },
  { path: '/dashboard', labelKey: 'dashboard.nav', icon: <FundProjectionScreenOutlined />, capability: 'dashboard' },
  { path: '/territory', labelKey: 'nav.territory', icon: <ClusterOutlined />, capability: 'territory' },
  { path: '/persons', labelKey: 'personSearch.nav', icon: <SearchOutlined />, capability: 'households' },
  { path: '/households', labelKey: 'nav.households', icon: <SolutionOutlined />, capability: 'households' },
  // The phone app (field.html) is another app: opened with a full page load (Shell, HomePage).
  { path: '/field', labelKey: 'nav.phoneApp', icon: <MobileOutlined />, capability: 'phoneApp' },
  { path: '/reports/file', labelKey: 'reports.navFile', icon: <CalendarOutlined />, capability: 'reports.file' },
  { path: '/reports', labelKey: 'reports.nav', icon: <CalendarOutlined />, capability: 'reports' },
  { path: '/forms', labelKey: 'forms.nav', icon: <FileTextOutlined />, capability: 'forms' },
  { path: '/checkpoints', labelKey: 'checkpoints.nav', icon: <StopOutlined />, capability: 'checkpoints' },
  { path: '/family-events', labelKey: 'familyEvents.nav', icon: <ScheduleOutlined />, capability: 'familyEvents' },
  { path: '/quarantine', labelKey: 'quarantine.nav', icon: <AlertOutlined />, capability: 'quarantine' },
  { path: '/patrols', labelKey: 'patrols.nav', icon: <SafetyOutlined />, capability: 'patrols' },
  { path: '/patrol-teams', labelKey: 'inspections.navTeams', icon: <UsergroupAddOutlined />, capability: 'patrolTeams' },
  { path: '/inspections', labelKey: 'inspections.nav', icon: <EyeOutlined />, capability: 'inspections' },
  { path: '/handovers', labelKey: 'handovers.nav', icon: <SwapOutlined />, capability: 'handovers' },
  { path: '/rectifications', labelKey: 'inspections.navRectifications', icon: <CheckSquareOutlined />, capability: 'rectifications' },
  { path: '/verification', labelKey: 'verification.nav', icon: <FileSearchOutlined />, capability: 'verification' },
  { path: '/verification/tasks', labelKey: 'verification.navTasks', icon: <OrderedListOutlined />, capability: 'verification.tasks' },
  { path: '/tips', labelKey: 'tips.nav', icon: <NotificationOutlined />, capability: 'tips' },
  { path: '/arrivals', labelKey: 'arrivals.nav', icon: <QrcodeOutlined />, capability: 'arrivals' },
  { path: '/notices', labelKey: 'notices.nav', icon: <SoundOutlined />, capability: 'notices' },
  { path: '/risk', labelKey: 'risk.nav', icon: <BgColorsOutlined />, capability: 'risk' },
  { path: '/responsibility', labelKey: 'responsibility.load.nav', icon: <TeamOutlined />, capability: 'responsibility' },
  { path: '/users', labelKey: 'nav.users', icon: <TeamOutlined />, capability: 'users' },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, capability: 'audit' },
  { path: '/settings', labelKey: 'settings.nav', icon: <SettingOutlined />, capability: 'settings' },
  { path: '/profile', labelKey: 'nav.profile', icon: <UserOutlined />, capability: 'profile' },
];

/** Entries that leave the staff app for another one. */
export const isExternal = (path: string): boolean => path === '/field';

export const navEntriesFor = (role: Role): NavEntry[] => ENTRIES.filter((e) => e.capability === null || can(role, e.capability));

export function menuItems(role: Role, t: TFunction): NonNullable<MenuProps['items']> {
  return navEntriesFor(role).map((e) => ({ key: e.path, icon: e.icon, label: t(e.labelKey) }));
}

/** The menu key for a location: the longest entry path that prefixes it. */
export function selectedKey(pathname: string): string {
  const match = ENTRIES.filter((e) => e.path !== '/' && pathname.startsWith(e.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '/';
}
