#!/usr/bin/env bash
# The load benchmark: a private PostgreSQL with a large synthetic data set,
# gunicorn as in production (2 sync workers, persistent connections), and wrk
# (2 threads, 16 connections, DURATION seconds) on every path in bench/urls.txt.
# Prints requests/s, p50 and p99 latency per page, the ratio to the trivial
# /livez baseline, and the resident memory of the gunicorn workers.
# Machines are noisy: compare ratios from the same run, not absolute numbers.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
SCALE=${SCALE:-100}
DURATION=${DURATION:-10}
PORT=${BENCH_PORT:-8090}
export TEST_PG_PORT=${BENCH_PG_PORT:-54350}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

url=$(scripts/testdb.sh start)
trap 'kill $gpid 2>/dev/null || true; scripts/testdb.sh stop' EXIT
gpid=
base=${url%/medhome}
psql "$base/postgres" -q -c "SET client_min_messages=warning" -c "DROP DATABASE IF EXISTS medhome_bench" -qc "CREATE DATABASE medhome_bench" >/dev/null
export DATABASE_URL=$base/medhome_bench DEBUG=false SECRET_KEY=bench-not-secret \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false EMAIL_MODE=file \
  DEMO_NOTICE=true CONN_MAX_AGE=60
$PY manage.py migrate -v 0
$PY manage.py createcachetable -v 0
$PY manage.py load_demo >/dev/null
$PY bench/seed.py --scale "$SCALE"
$PY manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn medhome.wsgi --bind 127.0.0.1:$PORT --workers 2 --log-level warning &
gpid=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null http://127.0.0.1:$PORT/livez && break; sleep 0.2; done

printf '\n| page | status | requests/s | p50 ms | p99 ms | vs /livez |\n|---|---|---|---|---|---|\n'
baseline=
grep -v '^#' bench/urls.txt | while read -r path; do
  [ -n "$path" ] || continue
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  out=$(wrk -t2 -c16 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.1f", v+0; else printf "%.0f", v*1000 }'; }
  [ -n "$baseline" ] || baseline=$rps
  ratio=$(awk -v a="$rps" -v b="$baseline" 'BEGIN { printf "%.2f", a/b }')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$path" "$status" "$rps" "$(ms "$p50")" "$(ms "$p99")" "$ratio"
done
rss=$(ps -o rss= --ppid "$gpid" | awk '{s+=$1} END {printf "%.0f", s/1024}')
echo
echo "gunicorn workers' resident memory after the run: ${rss} MiB (2 workers); scale $SCALE"
