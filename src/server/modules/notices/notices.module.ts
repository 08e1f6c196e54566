// Notices (宣传) with their loudspeaker and social-media scripts, staff side and public pages.
import type { ModuleDefinition } from '../module-definition.ts';
import { noticesRoutes } from './notices.routes.ts';
import { noticeForScope } from './notices.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    notice: true;
  }
}

export const noticesModule = {
  name: 'notices',
  routes: [noticesRoutes],
  entities: {
    // Notices are public once published, but drafts are not: outside the subtree they do not exist.
    notice: { label: 'notice', private: true, resolve: noticeForScope },
  },
} satisfies ModuleDefinition;
