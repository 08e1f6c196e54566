// Routes: sign-in outside the shell; every other page inside it, code-split with React.lazy.
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth, RequireCapability } from './guards.tsx';
import { HomePage } from './HomePage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Shell } from './Shell.tsx';

const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const ProfilePage = lazy(() => import('../features/auth/ProfilePage.tsx'));
const TerritoryPage = lazy(() => import('../features/regions/TerritoryPage.tsx'));
const UsersPage = lazy(() => import('../features/accounts/UsersPage.tsx'));
const HouseholdsPage = lazy(() => import('../features/households/HouseholdsPage.tsx'));
const HouseholdDetailPage = lazy(() => import('../features/households/HouseholdDetailPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
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
      {
        path: 'households/:id',
        element: (
          <RequireCapability capability="households">
            <HouseholdDetailPage />
          </RequireCapability>
        ),
      },
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
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
