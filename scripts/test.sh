#!/usr/bin/env bash
# What `make test` runs once the venv, messages, static files and Chromium are in
# place. Every step runs even if an earlier one fails; the exit code says whether
# all passed. The PostgreSQL cluster started here is stopped on every exit path.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
workers=${1:-2}
export DEBUG=true SECRET_KEY=test-only-not-secret DJANGO_ALLOW_ASYNC_UNSAFE=true
failed=()
step() {
  local name=$1 start=$SECONDS; shift; echo "== $name"
  "$@" || failed+=("$name")
  echo "   ($name: $((SECONDS - start)) s)"
}
# A step that mostly waits, or needs one core while the others use the rest, runs
# beside the next steps: its output is printed, in order, when `collect` waits for it.
bg_names=() bg_pids=() bg_logs=()
background() {
  local name=$1 log; shift; log=$(mktemp)
  ( start=$SECONDS; "$@"; rc=$?; echo "   ($name: $((SECONDS - start)) s, alongside)"; exit $rc ) >"$log" 2>&1 &
  bg_names+=("$name") bg_pids+=($!) bg_logs+=("$log")
}
collect() {
  local i
  for i in "${!bg_pids[@]}"; do
    echo "== ${bg_names[$i]}"
    wait "${bg_pids[$i]}" || failed+=("${bg_names[$i]}")
    cat "${bg_logs[$i]}"; rm -f "${bg_logs[$i]}"
  done
  bg_names=() bg_pids=() bg_logs=()
}

trap 'kill "${bg_pids[@]}" 2>/dev/null; scripts/testdb.sh stop' EXIT
url=$(scripts/testdb.sh start) || { echo "could not start PostgreSQL"; exit 1; }
# The cluster's postgres database exists from initdb; the test database is created by pytest.
admin_url=${url%/medhome}/postgres

step "ruff check" .venv/bin/ruff check .
step "ruff format" .venv/bin/ruff format --check .
# mypy uses one core for about a minute from a clean clone: beside the test suite.
background "mypy" .venv/bin/mypy .
step "migrations committed" env DATABASE_URL="$admin_url" $PY manage.py makemigrations --check --dry-run -v 1
step "check --deploy" env -u DJANGO_ALLOW_ASYNC_UNSAFE DEBUG=false EMAIL_MODE=smtp SECRET_KEY="deploy-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  ALLOWED_HOSTS=portal.example.org DATABASE_URL="$admin_url" $PY manage.py check --deploy --fail-level WARNING
# The cluster tests share one multi-instance cluster on fixed ports: one process, in
# order. They mostly wait on their servers, so they run beside the suite.
background "cluster tests" env DATABASE_URL="$url" $PY -m pytest -p no:xdist -q -m cluster
step "pytest on PostgreSQL" env DATABASE_URL="$url" $PY -m pytest -n "$workers" -q -m "not cluster"
step "smoke on SQLite" env -u DATABASE_URL $PY -m pytest -n "$workers" -m smoke -q
collect

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"; exit 1
fi
echo "make test: all steps passed"
