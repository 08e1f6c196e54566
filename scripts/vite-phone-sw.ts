// The phone app's own service worker (dist/web/field-sw.js, scope /field): it precaches only the
// phone app's shell — field.html and every script and style it can load, as the build's manifest
// lists them — so a reopen with no signal works, without a phone downloading the staff app's
// megabytes. Part of the phone's own build (vite.field.config.ts). The staff app's worker (vite-plugin-pwa, scope /) leaves /field alone; the browser
// picks the worker with the longest matching scope, so the two never answer the same page.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { generateSW } from 'workbox-build';

/** The phone build's own manifest in dist/web (vite.field.config.ts), beside the staff app's. */
export const PHONE_MANIFEST = '.vite/field-manifest.json';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

/** field.html's files: its entry, everything imported statically or lazily, and their styles. */
export function phoneShellFiles(manifest: Record<string, ManifestChunk>, entry = 'field.html'): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) walk(k);
  };
  walk(entry);
  return [...files].sort();
}

export function phoneServiceWorker(): Plugin {
  let outDir = 'dist/web';
  return {
    name: 'gridguard:phone-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const manifestPath = path.join(outDir, PHONE_MANIFEST);
      if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: the phone service worker needs build.manifest`);
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
      const shell = phoneShellFiles(manifest).filter((f) => f !== 'field.html');
      await generateSW({
        swDest: path.join(outDir, 'field-sw.js'),
        globDirectory: outDir,
        globPatterns: ['field.html', 'manifest.webmanifest', 'icons/icon-192.png', ...shell],
        // Only the phone app's own pages fall back to its shell; the API is never cached (the
        // app's IndexedDB holds the data).
        navigateFallback: '/field.html',
        navigateFallbackAllowlist: [/^\/field(\/|$)/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        cacheId: 'gridguard-phone',
        clientsClaim: true,
        // A new version waits until every tab of the old one is closed: swapping scripts under a
        // page halfway through a form would break its lazy-loaded parts.
        skipWaiting: false,
        inlineWorkboxRuntime: true,
        mode: 'production',
        sourcemap: false,
      });
    },
  };
}
