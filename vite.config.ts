// The web apps, built into dist/web, which the server serves: index.html (the staff console:
// React + Ant Design) and public.html (the public pages under /p/, no account, 150 KB per page:
// scripts/check-public-budget.mjs) here; field.html (the phone app under /field: Preact through
// preact/compat, a budget of 170 KB of compressed JavaScript per page,
// scripts/check-phone-budget.mjs) in its own build, vite.field.config.ts, which this one runs
// when it has written its own — so `vite build --config vite.config.ts` still builds all three.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type LogLevel } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contractDefine } from './scripts/contract.ts';

/** After the staff app's build (and its service worker): the phone app's, into the same dist/web. */
function phoneAppBuild() {
  let logLevel: LogLevel = 'info';
  return {
    name: 'gridguard:phone-app-build',
    apply: 'build' as const,
    configResolved(config: { logLevel: LogLevel }) {
      logLevel = config.logLevel;
    },
    closeBundle: {
      order: 'post' as const,
      sequential: true,
      async handler() {
        await build({ configFile: fileURLToPath(new URL('./vite.field.config.ts', import.meta.url)), logLevel });
      },
    },
  };
}

// The API server the dev server forwards to (npm start runs it on 3000).
const api = process.env.GRIDGUARD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: '.',
  // The contract's schemas and lists for the browser apps without zod (src/client/contract*.ts).
  define: contractDefine(),
  plugins: [
    react(),
    // The staff app: an installable app whose shell (HTML, scripts, styles, icons) is cached by a
    // service worker, so it opens with no signal. API answers are never cached: the apps' own
    // IndexedDB outbox and read cache (src/client/offline) hold the data. The phone app (/field)
    // has its own worker with only its own shell (scripts/vite-phone-sw.ts).
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false, // src/web/main.tsx registers it, in production builds only
      manifest: {
        name: '网格防控平台',
        short_name: '网格防控',
        description: '撤卡不撤管 · 网格化精准防控：入户排摸、走访与登记，离线可用',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0f2a4d',
        background_color: '#f0f2f5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      includeAssets: ['icons/apple-touch-icon.png', 'icons/icon.svg'],
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // The password-strength estimator (236 KB gzipped) is for changing a password, which needs
        // the network anyway: phones on a weak signal should not download it with the shell. The
        // phone app (field.html, its entry and phone-* chunks) has its own worker and shell.
        globIgnores: ['field-sw.js', '**/password-strength-*.js', 'field.html', 'assets/field-*', 'assets/phone-*'],
        // antd pages are large chunks; the whole shell must be there offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        // Only the app's own pages fall back to the shell; the API, health and docs never do.
        // The public pages (/p/…) and the phone app (/field/…) are separate apps served from
        // public.html and field.html: the staff shell must never answer for them.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/healthz/, /^\/p(\/|$)/, /^\/field(\/|$)/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        // A new version waits until every tab of the old one is closed: swapping scripts under a
        // worker halfway through a form would break lazy-loaded pages.
        skipWaiting: false,
      },
    }),
    phoneAppBuild(),
    // The dev server answers /p and /field pages with their apps' HTML, as the real server does.
    {
      name: 'gridguard:other-apps-in-dev',
      apply: 'serve',
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          if (req.url && /^\/p(\/|\?|$)/.test(req.url)) req.url = '/public.html';
          else if (req.url && /^\/field(\/[^.]*|\?.*)?$/.test(req.url)) req.url = '/field.html';
          next();
        });
      },
    },
    // The PWA plugin links its web manifest into every page; the public pages must not offer to
    // install the staff app (its start_url is the grid worker's /field).
    {
      name: 'gridguard:public-without-pwa-manifest',
      apply: 'build',
      enforce: 'post',
      transformIndexHtml: {
        order: 'post',
        handler: (html, ctx) => (ctx.filename.endsWith('public.html') ? html.replace(/\s*<link rel="manifest"[^>]*>/, '') : html),
      },
    },
  ],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // The public pages' budget check walks the manifest from its entry.
    manifest: true,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        public: fileURLToPath(new URL('./public.html', import.meta.url)),
      },
      output: {
        // React in its own long-cached chunk; antd is left to split per page, so the sign-in
        // page does not download the table, tree and date-picker code. React Router gets its
        // own chunk: the public pages share React but must not download the router.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/ },
            // zod with the setting that keeps it from probing for eval (src/web/app/zod-config.ts):
            // in one chunk, the setting is made before any schema elsewhere is built.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]web[\\/]app[\\/]zod-config\.ts$/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api },
  },
});
