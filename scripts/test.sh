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

trap 'scripts/testdb.sh stop' EXIT
url=$(scripts/testdb.sh start) || { echo "could not start PostgreSQL"; exit 1; }
# The cluster's postgres database exists from initdb; the test database is created by pytest.
admin_url=${url%/medhome}/postgres

step "ruff check" .venv/bin/ruff check .
step "ruff format" .venv/bin/ruff format --check .
step "mypy" .venv/bin/mypy .
step "migrations committed" env DATABASE_URL="$admin_url" $PY manage.py makemigrations --check --dry-run -v 1
step "check --deploy" env -u DJANGO_ALLOW_ASYNC_UNSAFE DEBUG=false EMAIL_MODE=smtp SECRET_KEY="deploy-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  ALLOWED_HOSTS=portal.example.org DATABASE_URL="$admin_url" $PY manage.py check --deploy --fail-level WARNING
step "pytest on PostgreSQL" env DATABASE_URL="$url" $PY -m pytest -n "$workers" -q -m "not cluster"
# The cluster tests share one multi-instance cluster on fixed ports: one process, in order.
step "cluster tests" env DATABASE_URL="$url" $PY -m pytest -p no:xdist -q -m cluster
step "smoke on SQLite" env -u DATABASE_URL $PY -m pytest -n "$workers" -m smoke -q

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"; exit 1
fi
echo "make test: all steps passed"
