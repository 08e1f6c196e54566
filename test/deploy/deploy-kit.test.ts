// The deployment kit as far as this machine checks it without starting it: the nginx site
// rendered for other ports passes `nginx -t` and says what the issue asks (TLS + HTTP/2, SSE
// unbuffered, retries for idempotent requests only, /metrics closed, upload limits no smaller
// than the app's own), and the systemd unit passes `systemd-analyze verify` without a warning.
// Missing nginx or systemd-analyze is a failure that says what to install, never a skip.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PERSON_IMPORT_BYTES } from '../../src/server/modules/imports/imports.routes.ts';
import { MAX_IMPORT_BYTES } from '../../src/server/modules/regions/regions-import.routes.ts';
import { MAX_LIST_BYTES } from '../../src/server/modules/verification/list-upload.ts';
import { MAX_SCAN_BYTES } from '../../src/shared/forms.ts';
import { MAX_NOTICE_IMAGES, MAX_NOTICE_IMAGE_BYTES } from '../../src/shared/notices.ts';
import { MAX_PATROL_PHOTO_BYTES } from '../../src/shared/patrol-logs.ts';
import { MAX_PUBLIC_PHOTO_BYTES, MAX_TIP_PHOTOS } from '../../src/shared/public-rules.ts';
import { MAX_ENTERPRISE_FILE_BYTES } from '../../src/shared/verification-checks.ts';

const run = promisify(execFile);
const has = (program: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

let dir = '';
let site = '';
beforeAll(async () => {
  if (!has('nginx')) throw new Error('nginx is not installed: apt-get install -y nginx (.ci/run installs it beside Chromium)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-nginx-'));
  const env = { ...process.env, GRIDGUARD_CLUSTER_DIR: dir, INSTANCE_PORTS: '19001 19002 19003 19004', NGINX_HTTPS_PORT: '19443', NGINX_HTTP_PORT: '19080' };
  const { stdout } = await run('bash', ['deploy/local-cluster.sh', 'nginx-check'], { env, timeout: 60_000 });
  expect(stdout).toContain('nginx -t: the rendered site');
  site = fs.readFileSync(path.join(dir, 'nginx', 'gridguard.conf'), 'utf8');
}, 90_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The body of `location … PATH {` (nginx's own pattern text), or throws. */
function locationBody(pattern: string): string {
  const start = site.indexOf(`location ${pattern} {`);
  if (start < 0) throw new Error(`no "location ${pattern}" in the site`);
  return site.slice(start, site.indexOf('}', start));
}
const MIB = 1_048_576;
const sizeIn = (text: string) => {
  const m = /client_max_body_size (\d+)m;/.exec(text);
  if (!m?.[1]) throw new Error(`no client_max_body_size in: ${text.slice(0, 80)}`);
  return Number(m[1]) * MIB;
};

describe('nginx site (deploy/nginx/gridguard.conf, rendered by deploy/render-nginx.sh)', () => {
  it('renders the instances, ports and certificates asked for, and nothing else changes', () => {
    const production = fs.readFileSync('deploy/nginx/gridguard.conf', 'utf8');
    expect([...site.matchAll(/server 127\.0\.0\.1:(\d+) max_fails=3 fail_timeout=10s;/g)].map((m) => m[1])).toEqual(['19001', '19002', '19003', '19004']);
    expect(site).toContain('listen 127.0.0.1:19443 ssl http2;');
    expect(site).toContain('listen 127.0.0.1:19080;');
    expect(site).toContain('return 301 https://$host:19443$request_uri;');
    expect(site).toContain(`ssl_certificate     ${dir}/nginx/tls/fullchain.pem;`);
    // Every other line is the production file's own.
    const rewritten = /server 127\.0\.0\.1:|listen |ssl_certificate|return 301/;
    const keep = (text: string) => text.split('\n').filter((l) => !rewritten.test(l));
    expect(keep(site)).toEqual(keep(production));
  });

  it('TLS with HTTP/2, SSE unbuffered, the client address and request id handed on, /metrics closed', () => {
    expect(site).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    const events = locationBody('= /api/v1/events');
    expect(events).toContain('proxy_buffering off;');
    expect(events).toMatch(/proxy_read_timeout 1h;/);
    for (const header of ['X-Forwarded-For $proxy_add_x_forwarded_for', 'X-Real-IP $remote_addr', 'X-Request-Id $request_id', 'X-Forwarded-Proto $scheme']) {
      expect(site).toContain(`proxy_set_header ${header};`);
    }
    expect(locationBody('= /metrics')).toContain('return 404;');
    const assets = locationBody('/assets/');
    expect(assets).toContain('gzip on;');
    expect(assets).toContain('gzip_proxied any;');
  });

  it('retries on another instance for idempotent requests only (never non_idempotent)', () => {
    expect(site).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504;/);
    const directives = site.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    expect(directives).not.toContain('non_idempotent');
    expect(site).toMatch(/proxy_next_upstream_tries 2;/);
  });

  it("upload limits are no smaller than the app's own, for each upload", () => {
    const withoutLocations = site.replace(/location [^{]+\{[^}]*\}/g, '');
    const general = sizeIn(withoutLocations.slice(withoutLocations.indexOf('listen 127.0.0.1:19443')));
    for (const [what, bytes] of Object.entries({ MAX_IMPORT_BYTES, MAX_SCAN_BYTES, MAX_PATROL_PHOTO_BYTES, MAX_ENTERPRISE_FILE_BYTES, tipPhotos: MAX_TIP_PHOTOS * MAX_PUBLIC_PHOTO_BYTES })) {
      expect(general, what).toBeGreaterThan(bytes);
    }
    expect(sizeIn(locationBody('= /api/v1/imports/persons'))).toBeGreaterThan(MAX_PERSON_IMPORT_BYTES);
    expect(sizeIn(locationBody('^~ /api/v1/verification-lists'))).toBeGreaterThan(MAX_LIST_BYTES);
    expect(sizeIn(locationBody('~ ^/api/v1/notices/[^/]+/images$'))).toBeGreaterThan(MAX_NOTICE_IMAGES * MAX_NOTICE_IMAGE_BYTES);
  });
});

describe('systemd unit (deploy/systemd/gridguard@.service)', () => {
  it('passes systemd-analyze verify without a warning, and keeps its hardening', async () => {
    if (!has('systemd-analyze')) throw new Error('systemd-analyze is not installed (Debian: apt-get install -y systemd)');
    const unit = path.resolve('deploy/systemd/gridguard@.service');
    const out = await run('systemd-analyze', ['verify', unit], { timeout: 60_000 });
    expect(`${out.stdout}${out.stderr}`.trim()).toBe('');
    const text = fs.readFileSync(unit, 'utf8');
    for (const line of ['Restart=always', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/gridguard', 'User=gridguard']) expect(text).toContain(line);
  });
});
