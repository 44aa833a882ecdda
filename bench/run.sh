#!/usr/bin/env bash
# `make bench`: the load benchmark. A private PostgreSQL (BENCH_PG_PORT) seeded
# by bench/seed.py at SCALE (1 = a national center: 10k resources, 2k FAQs,
# 1k mentors, 100k subscribers), then bench/run.py: gunicorn as in production
# on BENCH_PORT, ceilings A and B, every public page in both languages with wrk.
# A benchmark, not a test: it fails on nothing but a broken set-up.
#   SCALE=0.1 DURATION=3 make bench       a quick look
#   BENCH_REUSE=true make bench           keep the seeded database of the last run
#   BENCH_ONLY='FAQ|library' make bench   only the pages whose names match
#   BENCH_SEND=false make bench           skip the 100k send (about 8 minutes)
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SCALE=${SCALE:-1}
export BENCH_PORT=${BENCH_PORT:-9300}
export TEST_PG_PORT=${BENCH_PG_PORT:-54353}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

url=$(scripts/testdb.sh start)
trap 'scripts/testdb.sh stop' EXIT
base=${url%/medhome}
export DATABASE_URL=$base/medhome_bench DJANGO_SETTINGS_MODULE=bench.settings DEBUG=false \
  SECRET_KEY=bench-not-secret ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false \
  SECURE_COOKIES=false EMAIL_MODE=file DEMO_NOTICE=true CONN_MAX_AGE=60

seeded=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM resources_resource" 2>/dev/null || echo 0)
if [ "${BENCH_REUSE:-false}" = true ] && [ "${seeded:-0}" -gt 1000 ]; then
  echo "Reusing the seeded database ($seeded resources)"
  $PY manage.py migrate -v 0
else
  psql "$base/postgres" -q -c "SET client_min_messages=warning" -c "DROP DATABASE IF EXISTS medhome_bench" -qc "CREATE DATABASE medhome_bench" >/dev/null
  $PY manage.py migrate -v 0
  $PY manage.py createcachetable -v 0
  $PY manage.py load_demo >/dev/null
  start=$(date +%s)
  $PY bench/seed.py --scale "$SCALE"
  echo "Seeded at scale $SCALE in $(( $(date +%s) - start )) s"
  psql "$DATABASE_URL" -qc "VACUUM ANALYZE" >/dev/null
fi
$PY manage.py createcachetable -v 0
$PY bench/run.py
