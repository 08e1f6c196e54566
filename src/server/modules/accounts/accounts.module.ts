// Accounts: sign-in, sessions and tokens, staff accounts and their grants.
import { relinkLevels } from '../../platform/region-levels.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { userEntityNames } from './accounts.queries.ts';
import { accountsRoutes } from './accounts.routes.ts';
import { loginAttemptsSweepJob } from './login-attempts.job.ts';
import { userRegionForScope } from './users.service.ts';
import { accountsExportsRoutes } from './list-exports.routes.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    user: true;
  }
}

export const accountsModule = {
  name: 'accounts',
  routes: [accountsRoutes, accountsExportsRoutes],
  entities: {
    user: { label: 'user', private: false, resolve: userRegionForScope, names: userEntityNames },
  },
  jobs: () => [loginAttemptsSweepJob()],
  // An account's level columns (migration 0035) follow a region moved with its subtree.
  onRegionMoved: relinkLevels('users'),
} satisfies ModuleDefinition;
