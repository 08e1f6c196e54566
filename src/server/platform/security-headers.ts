// The headers that tell a browser what our pages may do, on every answer: the staff console at
// `/`, the public pages at `/p`, the API's JSON and the API docs (@fastify/helmet, which also sets
// X-Content-Type-Options nosniff, Cross-Origin-Opener/Resource-Policy and friends).
//
// Scripts only from our own origin, never inline: the Vite build of index.html and public.html
// carries none, so text that slipped past escaping (a tip, a notice, a name) could not run.
// Styles allow 'unsafe-inline' because antd writes its CSS-in-JS as <style> elements at run time
// (and React, ECharts and Swagger UI set style attributes); a nonce would have to be new in every
// answer, but the phone app's service worker serves one cached index.html offline. Injected CSS
// cannot send anything out: images, fonts and connections stay on our origin.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    // blob: photo previews before upload; data: the favicon and antd's/Swagger UI's inline SVGs.
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    // The field app's service worker (sw.js and its workbox chunks) comes from our origin.
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    // No one may frame our pages (clickjacking a signed-in grid worker's session).
    'frame-ancestors': ["'none'"],
    // Behind HTTPS an http:// address left in a page is fetched over HTTPS instead of being
    // blocked as mixed content; on plain http (a county LAN) it would break every request.
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * What the pages may ask the browser for. Geolocation: a checkpoint's position (CheckpointDrawer).
 * The camera is used only through <input capture>, which hands over to the phone's camera app;
 * camera=(self) still keeps it from any frame. Full screen (the dashboard) keeps its default.
 */
export const PERMISSIONS_POLICY = 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), midi=(), display-capture=()';

/** HSTS for half a year once the county serves us over HTTPS; not for other sites of its domain. */
const HSTS = { maxAge: 15_552_000, includeSubDomains: false };

export async function installSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl?.startsWith('https://') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? HSTS : false,
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
