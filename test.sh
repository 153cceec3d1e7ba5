#!/usr/bin/env bash
# Runs every test: unit tests, the web tests on SQLite and on a throw-away PostgreSQL, the multi-node tests (two
# hosts on that PostgreSQL and a throw-away Redis), and the browser tests in Debian's Chromium. Installs PostgreSQL,
# Redis and Chromium with apt-get when they are missing and this runs as root; otherwise says what to install. With CI=true a missing dependency is a failure, never a skip.
#
#   ./test.sh                 everything
#   ./test.sh --filter X      pass a dotnet test filter to every run
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
extra=("$@")
ci=${CI:-false}

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

pg_bin=""
find_pg() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true); [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; }

need_apt=()
find_pg || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v redis-server >/dev/null || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    fail "missing ${need_apt[*]}: install them with 'sudo apt-get install ${need_apt[*]}' and run again."
  fi
fi
find_pg || fail "PostgreSQL server binaries not found under /usr/lib/postgresql after install."
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found after install."
command -v redis-server >/dev/null || fail "redis-server not found after install."

# A throw-away PostgreSQL on a free loopback port, its data in a temporary folder.
pg_dir=$(mktemp -d /tmp/satuatap-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir" 2>/dev/null && as_pg=(runuser -u postgres --); fi
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
redis_port=""
stop_redis() {
  [ -n "$redis_port" ] && redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}
trap 'stop_redis; stop_pg' EXIT
say "Starting PostgreSQL on 127.0.0.1:$pg_port"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off -c max_connections=300" start >/dev/null
export SATUATAP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=50"

# A throw-away Redis on a free loopback port, nothing kept on disk.
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 56379)
say "Starting Redis on 127.0.0.1:$redis_port"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize yes --logfile "$pg_dir/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 || fail "Redis did not start on port $redis_port."
export SATUATAP_TEST_REDIS="127.0.0.1:$redis_port"

say "Building"
dotnet build SatuAtap.slnx -c Release -nologo -v q
say "Checking that every model change has a migration"
scripts/check-migrations.sh

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
run() {
  local name=$1; shift
  say "$name"
  if ! dotnet test "$@" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" ${extra[@]+"${extra[@]}"}; then status=1; fi
}
run core tests/SatuAtap.Core.Tests
SATUATAP_TEST_DB=Sqlite run web-sqlite tests/SatuAtap.Web.Tests
SATUATAP_TEST_DB=Postgres run web-postgres tests/SatuAtap.Web.Tests
SATUATAP_TEST_DB=Postgres run multinode tests/SatuAtap.ScaleTests
SATUATAP_TEST_DB=Sqlite run browser tests/SatuAtap.BrowserTests

# One closing line over every run, counted from the result files.
python3 - "$results" <<'PY' || true
import glob, re, sys
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*', text)
    if not m: continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    p += int(attrs.get("passed", 0)); f += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)); s += int(attrs.get("notExecuted", 0))
print(f"\nTotal: {p} passed, {f} failed, {s} skipped")
PY
exit $status
