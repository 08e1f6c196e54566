// Registers the service worker that caches the app shell (built by vite-plugin-pwa as /sw.js).
// Production builds only: the dev server has no sw.js. The app does not depend on it: where no
// service worker runs (a chat app's in-app browser), the outbox works all the same.
import { Workbox } from 'workbox-window';

export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.register().catch(() => {
    // No service worker (blocked, private mode): the app still runs online, the outbox still queues.
  });
}
