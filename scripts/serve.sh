#!/usr/bin/env bash
# gunicorn (or, with "dev", Django's reloading server) and the task worker side by
# side; Ctrl-C (or either one dying) stops both.
set -u
cd "$(dirname "$0")/.."
port=${1:-8000}
mode=${2:-production}
# The weekly review reminder queues itself again each week; this starts the chain.
.venv/bin/python manage.py review_reminders --schedule >/dev/null
.venv/bin/python manage.py worker &
worker=$!
if [ "$mode" = dev ]; then
  .venv/bin/python manage.py runserver "127.0.0.1:$port" &
else
  .venv/bin/gunicorn medhome.wsgi --bind "127.0.0.1:$port" --workers 2 --access-logfile - &
fi
web=$!
trap 'kill $worker $web 2>/dev/null; wait' INT TERM EXIT
wait -n $worker $web
