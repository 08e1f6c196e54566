#!/usr/bin/env bash
# The local cluster end to end: `up`, then through nginx over https — HTTP/2 answered, /readyz
# ready, /metrics closed, a hashed asset compressed with a year's caching, the live-event stream's
# first event arriving unbuffered — then `down` (also when a check fails). Prints its timings.
#   deploy/check-local-cluster.sh        (ports and directory as deploy/local-cluster.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export GRIDGUARD_CLUSTER_DIR="${GRIDGUARD_CLUSTER_DIR:-/tmp/gridguard-cluster-check}"
HTTPS="https://127.0.0.1:${NGINX_HTTPS_PORT:-18443}"
started=$SECONDS
trap 'deploy/local-cluster.sh down >/dev/null 2>&1 || true' EXIT
fail() { echo "check-local-cluster: FAILED: $*" >&2; exit 1; }

deploy/local-cluster.sh up
up_seconds=$((SECONDS - started))
deploy/local-cluster.sh status

version="$(curl -sk --http2 -o /dev/null -w '%{http_version}' "$HTTPS/readyz")"
[ "$version" = 2 ] || fail "nginx answered over HTTP/$version, not HTTP/2"
echo "check: HTTP/2 through nginx"

code="$(curl -sk -o /dev/null -w '%{http_code}' "$HTTPS/metrics")"
[ "$code" = 404 ] || fail "/metrics through nginx answered $code, not 404"
echo "check: /metrics closed to the public (404)"

code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${NGINX_HTTP_PORT:-18080}/readyz")"
[ "$code" = 301 ] || fail "plain http answered $code, not a 301 to https"
echo "check: http redirects to https"

asset="$(ls dist/web/assets/*.js | head -n1)"
headers="$(curl -sk --http2 -H 'accept-encoding: gzip' -D - -o /dev/null "$HTTPS/assets/$(basename "$asset")")"
grep -qi '^content-encoding: gzip' <<<"$headers" || fail "a hashed asset came back uncompressed: $headers"
grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$headers" || fail "a hashed asset lacks a year's caching: $headers"
echo "check: hashed asset compressed, cached a year"

# Live events need a signed-in account: the admin (its password is in the state directory).
password="$(cat "$GRIDGUARD_CLUSTER_DIR/admin-password")"
jar="$GRIDGUARD_CLUSTER_DIR/cookies"
login="$(curl -sk -c "$jar" -H 'content-type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" -o /dev/null -w '%{http_code}' "$HTTPS/api/v1/auth/login")"
[ "$login" = 200 ] || fail "admin sign-in through nginx answered $login"
# The stream never ends by itself: its first event must reach the client while it stays open
# (nginx buffering it would hold it back). curl stops after 5 s and says when the first byte came.
first="$(curl -sk --http2 -N -b "$jar" --max-time 5 -w '\nfirst-byte-after %{time_starttransfer}\n' "$HTTPS/api/v1/events" 2>/dev/null || true)"
grep -q '^: connected' <<<"$first" || fail "no server-sent event through nginx within 5 s (got: ${first:0:200})"
ttfb="$(sed -n 's/^first-byte-after //p' <<<"$first")"
awk -v t="$ttfb" 'BEGIN { exit !(t > 0 && t < 4) }' || fail "the first event took ${ttfb}s: buffered?"
echo "check: live-event stream's first event through nginx after ${ttfb} s, the stream still open"

# The instances hold read connections on the replica (named gridguard-read by the app).
code="$(curl -sk -b "$jar" -o /dev/null -w '%{http_code}' "$HTTPS/api/v1/users")"
[ "$code" = 200 ] || fail "the accounts list through nginx answered $code"
readers="$(psql -h 127.0.0.1 -p "${PG_REPLICA_PORT:-5443}" -U postgres -Atqc "select count(*) from pg_stat_activity where application_name = 'gridguard-read'" postgres)"
[ "$readers" -gt 0 ] || fail "no instance has a read connection on the replica"
echo "check: the instances read on the replica ($readers gridguard-read connections there; test/deploy/read-replica.test.ts proves which reads go where)"

deploy/local-cluster.sh down
trap - EXIT
echo "check-local-cluster: ok — up in ${up_seconds} s, all in $((SECONDS - started)) s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
