#!/usr/bin/env bash
# Renders deploy/nginx/gridguard.conf (the production site, the single source) for other ports,
# instances and certificate paths — the local cluster and its tests use it. Writes to stdout.
#   deploy/render-nginx.sh --instances "18001 18002 18003" --https 18443 --http 18080 \
#     --cert /path/fullchain.pem --key /path/privkey.pem [--site deploy/nginx/gridguard.conf]
set -euo pipefail
site="$(dirname "$0")/nginx/gridguard.conf"
instances="" https="" http="" cert="" key=""
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances="$2"; shift 2 ;;
    --https) https="$2"; shift 2 ;;
    --http) http="$2"; shift 2 ;;
    --cert) cert="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --site) site="$2"; shift 2 ;;
    *) echo "render-nginx.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for name in instances https http cert key; do
  [ -n "${!name}" ] || { echo "render-nginx.sh: --$name is required" >&2; exit 2; }
done
for port in $instances $https $http; do
  [[ "$port" =~ ^[0-9]{1,5}$ ]] || { echo "render-nginx.sh: not a port: $port" >&2; exit 2; }
done

# Each rewrite must match exactly what the production file says: a site changed out of that
# shape fails here loudly instead of rendering half-substituted.
awk -v instances="$instances" -v https="$https" -v http="$http" -v cert="$cert" -v key="$key" '
  BEGIN { n = split(instances, ports, " "); seen["upstream"] = 0 }
  /^[[:space:]]*server 127\.0\.0\.1:[0-9]+ / {
    if (!seen["upstream"]++) {
      rest = $0; sub(/^[[:space:]]*server 127\.0\.0\.1:[0-9]+/, "", rest)
      for (i = 1; i <= n; i++) printf "    server 127.0.0.1:%s%s\n", ports[i], rest
    }
    next
  }
  /^[[:space:]]*listen \[::\]:/ { seen["v6"]++; next }
  /^[[:space:]]*listen 80;/ { print "    listen 127.0.0.1:" http ";"; seen["http"]++; next }
  /^[[:space:]]*listen 443 ssl http2;/ { print "    listen 127.0.0.1:" https " ssl http2;"; seen["https"]++; next }
  /^[[:space:]]*ssl_certificate / { print "    ssl_certificate     " cert ";"; seen["cert"]++; next }
  /^[[:space:]]*ssl_certificate_key / { print "    ssl_certificate_key " key ";"; seen["key"]++; next }
  /return 301 https:\/\/\$host\$request_uri;/ { sub(/\$host\$request_uri/, "$host:" https "$request_uri"); seen["redirect"]++ }
  { print }
  END {
    split("upstream http https cert key redirect", need, " ")
    for (i in need) if (!seen[need[i]]) { print "render-nginx.sh: the site no longer has its " need[i] " line in the expected shape" > "/dev/stderr"; exit 3 }
  }
' "$site"
