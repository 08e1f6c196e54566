// The phone app (field.html, served under /field), built on its own into the same dist/web: its
// components are written against React's API, but here `react` and `react-dom` resolve to
// Preact's compatibility layer (preact/compat, ~5 KB compressed against React DOM's ~60 KB), so a
// cheap phone on 3G downloads and parses a fraction of the framework. The staff app keeps React
// 19 (vite.config.ts); modules both apps share (src/client) are built once for each, which one
// bundle cannot do with two Reacts. vite.config.ts runs this build after its own
// (`vite build --config vite.config.ts` builds all three apps); it can also run alone:
//   npx vite build --config vite.field.config.ts
// Budget: 170 KB of compressed JavaScript per page, scripts/check-phone-budget.mjs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { contractDefine } from './scripts/contract.ts';
import { PHONE_MANIFEST, phoneServiceWorker } from './scripts/vite-phone-sw.ts';

/** React's entry points the phone's code and shared modules import, answered by Preact. */
export const REACT_TO_PREACT = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
];

export default defineConfig({
  root: '.',
  // The contract's schemas and lists without zod (src/client/contract*.ts), as for the staff app.
  define: contractDefine(),
  resolve: { alias: REACT_TO_PREACT },
  // JSX compiles to the automatic runtime's imports of react/jsx-runtime, which the alias answers.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [phoneServiceWorker()],
  build: {
    outDir: 'dist/web',
    // The staff app's build (vite.config.ts) has just written dist/web: add to it.
    emptyOutDir: false,
    chunkSizeWarningLimit: 200,
    // Its own manifest beside the staff app's (.vite/manifest.json): the budget check and the
    // phone's service worker walk it from field.html.
    manifest: PHONE_MANIFEST,
    rolldownOptions: {
      input: { field: fileURLToPath(new URL('./field.html', import.meta.url)) },
      output: {
        // The phone's chunks are named apart from the staff app's (a shared module's chunk has the
        // same name in both builds but, built against another framework, other contents), and
        // the staff app's service worker leaves them out of its shell.
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/phone-[name]-[hash].js',
        assetFileNames: 'assets/phone-[name]-[hash][extname]',
      },
    },
  },
});
