#!/usr/bin/env bash
# The production topology on one machine, for tests and fault drills:
#   nginx (TLS + HTTP/2, rendered from deploy/nginx/gridguard.conf) → 3 GridGuard instances
#   → PostgreSQL primary + a streaming read replica (pg_basebackup -R), Redis (no persistence).
#
#   deploy/local-cluster.sh up | down | status
#   deploy/local-cluster.sh pg-up | pg-down     only the primary and its replica (tests)
#   deploy/local-cluster.sh nginx-check         render the nginx site and `nginx -t` it, start nothing
#
# Everything lives in $GRIDGUARD_CLUSTER_DIR (default /tmp/gridguard-cluster); `up` writes
# cluster.json there (pids, ports, URLs, data directories) for the drills; `down` stops all and
# removes the directory. Ports (override by environment): instances 18001-18003, nginx 18443
# (https) and 18080 (http), PostgreSQL 5442 (primary) and 5443 (replica), Redis 6390.
# PostgreSQL refuses to run as root: as root, its clusters run as the `postgres` user.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${GRIDGUARD_CLUSTER_DIR:-/tmp/gridguard-cluster}"
PG_PRIMARY_PORT="${PG_PRIMARY_PORT:-5442}"
PG_REPLICA_PORT="${PG_REPLICA_PORT:-5443}"
REDIS_PORT="${REDIS_PORT:-6390}"
INSTANCE_PORTS="${INSTANCE_PORTS:-18001 18002 18003}"
NGINX_HTTPS_PORT="${NGINX_HTTPS_PORT:-18443}"
NGINX_HTTP_PORT="${NGINX_HTTP_PORT:-18080}"
DB_NAME="${GRIDGUARD_CLUSTER_DB:-gridguard}"
PG_DIR="$DIR/pg"

say() { printf 'local-cluster: %s\n' "$*"; }
fail() { printf 'local-cluster: ERROR: %s\n' "$*" >&2; exit 1; }

pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_basebackup" ] ||
    fail "PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql"
  printf '%s' "$bin"
}

# Runs a PostgreSQL program as `postgres` when we are root (it refuses root), else as ourselves.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [ -f "$1/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$1" status >/dev/null 2>&1; }

pg_up() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$DIR"; chmod 755 "$DIR"
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; fi
  local primary="$PG_DIR/primary" replica="$PG_DIR/replica"
  if [ ! -f "$primary/PG_VERSION" ]; then
    say "PostgreSQL primary: initdb in $primary"
    as_pg "$bin/initdb" -D "$primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
      fail "initdb failed (see $PG_DIR/initdb.log)"
    # Replication settings (deploy/postgresql/*.conf has a county's and a province's full set).
    cat >>"$primary/postgresql.conf" <<CONF
port = $PG_PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
wal_level = replica
max_wal_senders = 5
wal_keep_size = 256MB
hot_standby = on
hot_standby_feedback = on
max_connections = 200
CONF
  fi
  if ! pg_running "$primary"; then
    say "PostgreSQL primary: starting on 127.0.0.1:$PG_PRIMARY_PORT"
    as_pg "$bin/pg_ctl" -D "$primary" -l "$PG_DIR/primary.log" -w -t 60 start >/dev/null ||
      fail "the primary did not start (see $PG_DIR/primary.log)"
  fi
  if ! as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -Atqc "select 1 from pg_database where datname = '$DB_NAME'" postgres | grep -q 1; then
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres "$DB_NAME"
  fi
  if [ ! -f "$replica/standby.signal" ]; then
    rm -rf "$replica"
    say "PostgreSQL replica: pg_basebackup -R from the primary into $replica"
    as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -D "$replica" -R -X stream -c fast --no-sync >"$PG_DIR/basebackup.log" 2>&1 ||
      fail "pg_basebackup failed (see $PG_DIR/basebackup.log)"
    # The copy carries the primary's settings; only its port differs.
    as_pg sh -c "echo 'port = $PG_REPLICA_PORT' >> '$replica/postgresql.auto.conf'"
  fi
  if ! pg_running "$replica"; then
    say "PostgreSQL replica: starting on 127.0.0.1:$PG_REPLICA_PORT (hot standby, streaming)"
    as_pg "$bin/pg_ctl" -D "$replica" -l "$PG_DIR/replica.log" -w -t 60 start >/dev/null ||
      fail "the replica did not start (see $PG_DIR/replica.log)"
  fi
  local i
  for i in $(seq 1 60); do
    if as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -Atqc "select count(*) from pg_stat_replication where state = 'streaming'" postgres | grep -qx '[1-9][0-9]*'; then
      say "PostgreSQL: the replica streams from the primary"
      return 0
    fi
    sleep 0.5
  done
  fail "the replica does not stream from the primary after 30 s (see $PG_DIR/replica.log)"
}

pg_down() {
  [ -d "$PG_DIR" ] || return 0
  local bin name; bin="$(pg_bin)"
  for name in replica primary; do
    if pg_running "$PG_DIR/$name"; then
      say "PostgreSQL $name: stopping"
      as_pg "$bin/pg_ctl" -D "$PG_DIR/$name" -m fast -w -t 60 stop >/dev/null || true
    fi
  done
}

redis_up() {
  command -v redis-server >/dev/null || fail "redis-server not found: apt-get install -y redis-server"
  if [ -f "$DIR/redis.pid" ] && kill -0 "$(cat "$DIR/redis.pid")" 2>/dev/null; then return 0; fi
  say "Redis: starting on 127.0.0.1:$REDIS_PORT (no persistence: it holds only rate-limit counters)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR" >/dev/null
  local i
  for i in $(seq 1 40); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.25; done
  fail "Redis did not answer on $REDIS_PORT (see $DIR/redis.log)"
}

nginx_ensure() {
  if ! command -v nginx >/dev/null; then
    say "nginx is not installed: apt-get install -y nginx"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || fail "could not install nginx"
  fi
}

# The production site rendered for these ports, inside a minimal nginx.conf of its own.
nginx_render() {
  local conf="$DIR/nginx"
  mkdir -p "$conf/tmp" "$conf/tls"
  if [ ! -f "$conf/tls/fullchain.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$conf/tls/privkey.pem" -out "$conf/tls/fullchain.pem" >/dev/null 2>&1 || fail "openssl could not make the test certificate"
  fi
  "$ROOT/deploy/render-nginx.sh" --instances "$INSTANCE_PORTS" --https "$NGINX_HTTPS_PORT" --http "$NGINX_HTTP_PORT" \
    --cert "$conf/tls/fullchain.pem" --key "$conf/tls/privkey.pem" >"$conf/gridguard.conf"
  local user_line=""
  # As root the workers drop to www-data (Debian's nginx user); their temp files are here.
  if [ "$(id -u)" = 0 ]; then user_line="user www-data;"; chown -R www-data: "$conf/tmp"; fi
  cat >"$conf/nginx.conf" <<CONF
$user_line
worker_processes 2;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $conf/access.log;
    client_body_temp_path $conf/tmp/body;
    proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi;
    uwsgi_temp_path $conf/tmp/uwsgi;
    scgi_temp_path $conf/tmp/scgi;
    include $conf/gridguard.conf;
}
CONF
  nginx -t -q -c "$conf/nginx.conf" -p "$conf" 2>"$conf/nginx-t.log" || { cat "$conf/nginx-t.log" >&2; fail "nginx -t refused the rendered configuration ($conf/nginx.conf)"; }
}

nginx_up() {
  nginx_ensure
  nginx_render
  local conf="$DIR/nginx"
  if [ -f "$conf/nginx.pid" ] && kill -0 "$(cat "$conf/nginx.pid")" 2>/dev/null; then
    nginx -c "$conf/nginx.conf" -p "$conf" -s reload
  else
    say "nginx: https://127.0.0.1:$NGINX_HTTPS_PORT (HTTP/2) and http://127.0.0.1:$NGINX_HTTP_PORT"
    nginx -c "$conf/nginx.conf" -p "$conf"
  fi
}

# The compiled server when `npm run build` left a current one, else the TypeScript sources
# (in-process tsx, so the pid is the server's own: a drill's kill -9 hits the server).
server_command() {
  if (cd "$ROOT" && node -e "import('./scripts/server-build-state.mjs').then((m) => process.exit(m.compiledServerIsCurrent().current ? 0 : 1))") 2>/dev/null; then
    echo "node --enable-source-maps dist/server/server/main.js"
  else
    echo "node --import tsx src/server/main.ts"
  fi
}

instance_up() {
  local port="$1" cmd="$2" pidfile="$DIR/instance-$1.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
  (
    cd "$ROOT"
    export NODE_ENV=production PORT="$port" HOST=127.0.0.1 DATA_DIR="$DIR/data" \
      DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PRIMARY_PORT/$DB_NAME" \
      DATABASE_READ_URL="postgres://postgres@127.0.0.1:$PG_REPLICA_PORT/$DB_NAME" \
      REDIS_URL="redis://127.0.0.1:$REDIS_PORT" GRIDGUARD_TRUST_PROXY=1 \
      GRIDGUARD_PUBLIC_URL="https://127.0.0.1:$NGINX_HTTPS_PORT" \
      GRIDGUARD_ADMIN_PASSWORD="$(cat "$DIR/admin-password")" \
      GRIDGUARD_DEMO="${GRIDGUARD_DEMO:-on}" GRIDGUARD_DEMO_PEOPLE="${GRIDGUARD_DEMO_PEOPLE:-2000}"
    # shellcheck disable=SC2086
    exec $cmd >"$DIR/instance-$port.log" 2>&1
  ) &
  echo $! >"$pidfile"
}

wait_ready() {
  local url="$1" what="$2" seconds="${3:-120}" i
  for i in $(seq 1 $((seconds * 2))); do
    curl -fsk -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.5
  done
  fail "$what is not ready after ${seconds}s ($url)"
}

write_state() {
  local pids="" dirs="" port
  for port in $INSTANCE_PORTS; do
    pids+="${pids:+, }{\"port\": $port, \"pid\": $(cat "$DIR/instance-$port.pid"), \"log\": \"$DIR/instance-$port.log\"}"
  done
  cat >"$DIR/cluster.json" <<JSON
{
  "dir": "$DIR",
  "instances": [$pids],
  "nginx": {"https": "https://127.0.0.1:$NGINX_HTTPS_PORT", "http": "http://127.0.0.1:$NGINX_HTTP_PORT", "pid": $(cat "$DIR/nginx/nginx.pid"), "config": "$DIR/nginx/nginx.conf"},
  "postgres": {
    "primary": {"port": $PG_PRIMARY_PORT, "dataDir": "$PG_DIR/primary", "url": "postgres://postgres@127.0.0.1:$PG_PRIMARY_PORT/$DB_NAME"},
    "replica": {"port": $PG_REPLICA_PORT, "dataDir": "$PG_DIR/replica", "url": "postgres://postgres@127.0.0.1:$PG_REPLICA_PORT/$DB_NAME"},
    "bin": "$(pg_bin)", "osUser": "$([ "$(id -u)" = 0 ] && echo postgres || id -un)"
  },
  "redis": {"port": $REDIS_PORT, "pid": $(cat "$DIR/redis.pid"), "url": "redis://127.0.0.1:$REDIS_PORT"},
  "dataDir": "$DIR/data",
  "adminPasswordFile": "$DIR/admin-password"
}
JSON
}

up() {
  local started=$SECONDS
  mkdir -p "$DIR/data"; chmod 755 "$DIR"
  nginx_ensure
  pg_up
  redis_up
  if [ ! -f "$DIR/admin-password" ]; then
    (umask 077; openssl rand -base64 18 | tr -d '\n' >"$DIR/admin-password")
  fi
  [ -f "$ROOT/dist/web/index.html" ] || { say "building the web app once (npx vite build)"; (cd "$ROOT" && node scripts/ensure-web-build.mjs) >/dev/null; }
  local cmd first; cmd="$(server_command)"
  say "instances run: $cmd"
  # The first instance migrates and loads the demo county alone; the others start on a ready database.
  first="${INSTANCE_PORTS%% *}"
  instance_up "$first" "$cmd"
  wait_ready "http://127.0.0.1:$first/readyz" "instance $first (log: $DIR/instance-$first.log)" 180
  local port
  for port in $INSTANCE_PORTS; do instance_up "$port" "$cmd"; done
  for port in $INSTANCE_PORTS; do wait_ready "http://127.0.0.1:$port/readyz" "instance $port (log: $DIR/instance-$port.log)" 120; done
  nginx_up
  wait_ready "https://127.0.0.1:$NGINX_HTTPS_PORT/readyz" "nginx → instances" 30
  write_state
  say "up in $((SECONDS - started)) s: https://127.0.0.1:$NGINX_HTTPS_PORT (admin password in $DIR/admin-password; state in $DIR/cluster.json)"
}

stop_pidfile() {
  local file="$1" what="$2" pid i
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    say "$what: stopping (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

down() {
  [ -d "$DIR" ] || { say "nothing to stop ($DIR does not exist)"; return 0; }
  if [ -f "$DIR/nginx/nginx.pid" ]; then stop_pidfile "$DIR/nginx/nginx.pid" nginx; fi
  local file
  for file in "$DIR"/instance-*.pid; do [ -e "$file" ] && stop_pidfile "$file" "instance $(basename "$file" .pid | cut -d- -f2)"; done
  stop_pidfile "$DIR/redis.pid" Redis
  pg_down
  rm -rf "$DIR"
  say "down: everything stopped, $DIR removed"
}

status() {
  [ -d "$DIR" ] || { say "down ($DIR does not exist)"; return 3; }
  local port ok=0 bin; bin="$(pg_bin)"
  for port in $INSTANCE_PORTS; do
    if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz"; then say "instance $port: ready"; else say "instance $port: NOT ready"; ok=1; fi
  done
  if curl -fsk -o /dev/null --max-time 2 "https://127.0.0.1:$NGINX_HTTPS_PORT/readyz"; then say "nginx $NGINX_HTTPS_PORT: ready"; else say "nginx $NGINX_HTTPS_PORT: NOT ready"; ok=1; fi
  pg_running "$PG_DIR/primary" && say "PostgreSQL primary $PG_PRIMARY_PORT: running" || { say "PostgreSQL primary $PG_PRIMARY_PORT: NOT running"; ok=1; }
  if pg_running "$PG_DIR/replica"; then
    local behind
    behind="$(as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -Atqc "select coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::bigint::text, '?') from pg_stat_replication" postgres 2>/dev/null || echo '?')"
    say "PostgreSQL replica $PG_REPLICA_PORT: running, $behind bytes of WAL behind the primary"
  else say "PostgreSQL replica $PG_REPLICA_PORT: NOT running"; ok=1; fi
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && say "Redis $REDIS_PORT: running" || { say "Redis $REDIS_PORT: NOT running"; ok=1; }
  return $ok
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  pg-up) pg_up ;;
  nginx-check)
    command -v nginx >/dev/null || fail "nginx is not installed: apt-get install -y nginx (deploy/local-cluster.sh up installs it; .ci/run does too)"
    mkdir -p "$DIR"; nginx_render; say "nginx -t: the rendered site ($DIR/nginx/gridguard.conf) is valid" ;;
  pg-down) pg_down; rm -rf "$PG_DIR"; rmdir "$DIR" 2>/dev/null || true ;;
  *) echo "usage: deploy/local-cluster.sh up|down|status|pg-up|pg-down" >&2; exit 2 ;;
esac
