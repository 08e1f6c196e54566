// Verification lists (核查名单): lists from above taken in, routed to grids, checked door to door,
// reviewed and answered back up.
import type { ModuleDefinition } from '../module-definition.ts';
import { taskForScope } from './tasks.service.ts';
import { verificationPhotoRoutes } from './verification-photos.routes.ts';
import { verificationRoutes } from './verification.routes.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    verification_task: true;
  }
}

export const verificationModule = {
  name: 'verification',
  routes: [verificationRoutes, verificationPhotoRoutes],
  entities: {
    // A task names a person: outside the subtree of its current region it does not exist (404).
    verification_task: { label: 'verification task', private: true, resolve: taskForScope },
  },
} satisfies ModuleDefinition;
