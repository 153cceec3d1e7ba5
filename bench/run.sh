#!/usr/bin/env bash
# Runs the load harness (bench/SatuAtap.Bench) against the mall in Release.
#
#   bench/run.sh                      SQLite, every scenario
#   bench/run.sh --postgres           the same on a throw-away PostgreSQL (started here, stopped at the end)
#   bench/run.sh --scenario search-api --out docs/benchmarks/2026-12-01-search.md
#   bench/run.sh --redis              also search-api and ticket-issue on a second mall with a throw-away Redis
#   bench/run.sh --postgres --nodes 2 two mall processes on one PostgreSQL and one throw-away Redis, load spread over both
#
# Any other option goes to the harness (bench/run.sh --help lists them). Installs wrk (PostgreSQL for --postgres,
# redis-server for --redis) with apt-get when missing and run as root; otherwise says what to install.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

postgres=false
redis=false
args=()
for a in "$@"; do
  case "$a" in
    --postgres) postgres=true ;;
    --redis) redis=true ;;
    --nodes) redis=true; args+=("$a") ;;  # several nodes share one Redis
    *) args+=("$a") ;;
  esac
done

fail() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }
pg_bin=""
find_pg() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true); [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; }

need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
if $postgres; then find_pg || need_apt+=(postgresql); fi
if $redis; then command -v redis-server >/dev/null || need_apt+=(redis-server); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    fail "missing ${need_apt[*]}: install them with 'sudo apt-get install ${need_apt[*]}' and run again."
  fi
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo "$1"; }
stop_pg() { :; }
stop_redis() { :; }
trap 'stop_redis; stop_pg' EXIT

if $redis; then
  # A throw-away Redis on a free loopback port, nothing kept on disk (as ./test.sh starts it).
  redis_dir=$(mktemp -d /tmp/satuatap-bench-redis.XXXXXX)
  redis_port=$(free_port 56380)
  stop_redis() {
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$redis_dir"
  }
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize yes \
    --dir "$redis_dir" --logfile "$redis_dir/redis.log" >/dev/null
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 || fail "redis-server did not start on port $redis_port."
  args+=(--redis "127.0.0.1:$redis_port")
fi

if $postgres; then
  find_pg || fail "PostgreSQL server binaries not found under /usr/lib/postgresql."
  # A throw-away server on a free loopback port, its data in a temporary folder (as ./test.sh does).
  pg_dir=$(mktemp -d /tmp/satuatap-bench-pg.XXXXXX)
  pg_port=$(free_port 55433)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir" 2>/dev/null && as_pg=(runuser -u postgres --); fi
  stop_pg() {
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 >/dev/null
  # Durable settings (fsync on), unlike the test server: the numbers should mean what production would see.
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c max_connections=300" start >/dev/null
  args=(--db postgres --pg "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" ${args[@]+"${args[@]}"})
fi

dotnet build bench/SatuAtap.Bench/SatuAtap.Bench.csproj -c Release -nologo -v q >/dev/null
dotnet bench/SatuAtap.Bench/bin/Release/net10.0/SatuAtap.Bench.dll ${args[@]+"${args[@]}"}
