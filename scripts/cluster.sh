#!/usr/bin/env bash
# The production shape on one machine, in the foreground (make cluster):
#   nginx (CLUSTER_PORT, default 8080) -> two gunicorn instances of the portal
#   shared PostgreSQL (scripts/testdb.sh on CLUSTER_PG_PORT, or DATABASE_URL if set)
#   Redis as the shared cache and rate-limit store, two task workers,
#   moto in server mode as the local S3-compatible store for uploads.
# Ctrl-C (or SIGTERM) stops everything it started. SIGUSR1 restarts the two app
# instances one after the other (a rolling restart); nginx sends requests to the
# instance that is up meanwhile.
# Environment: CLUSTER_PORT, CLUSTER_PG_PORT, CLUSTER_DIR (state: ports, pids),
# CLUSTER_DEMO=0 to skip the demo content, DATABASE_URL, SMTP_PORT (mail goes to
# files under CLUSTER_DIR/mail unless SMTP_PORT is set), extra settings pass through.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
port=${CLUSTER_PORT:-8080}
dir=$(realpath -m "${CLUSTER_DIR:-var/cluster}")
mkdir -p "$dir/nginx" "$dir/mail"
# The instances, Redis and S3 take the four ports after nginx's.
app1=$((port + 1)); app2=$((port + 2)); redis_port=$((port + 3)); s3_port=$((port + 4))

pids=()
own_pg=
cleanup() {
  trap - INT TERM EXIT
  echo "Stopping the cluster"
  [ -f "$dir/gunicorn-1.pid" ] && kill "$(cat "$dir/gunicorn-1.pid")" 2>/dev/null
  [ -f "$dir/gunicorn-2.pid" ] && kill "$(cat "$dir/gunicorn-2.pid")" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [ -n "$own_pg" ] && TEST_PG_PORT=$own_pg scripts/testdb.sh stop
  rm -f "$dir/state"
  exit 0
}
trap cleanup INT TERM EXIT

if [ -z "${DATABASE_URL:-}" ]; then
  own_pg=${CLUSTER_PG_PORT:-54340}
  url=$(TEST_PG_PORT=$own_pg scripts/testdb.sh start) || exit 1
  base=${url%/medhome}
  psql "$base/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='medhome'" | grep -q 1 \
    || psql "$base/postgres" -qc "CREATE DATABASE medhome"
  DATABASE_URL=$url
fi
[ -f "$dir/secret" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/secret"

export DATABASE_URL DEBUG=false SECRET_KEY="$(cat "$dir/secret")" \
  REDIS_URL="redis://127.0.0.1:$redis_port/0" \
  S3_BUCKET=medhome-uploads S3_ENDPOINT_URL="http://127.0.0.1:$s3_port" S3_REGION=us-east-1 \
  S3_ACCESS_KEY_ID=local S3_SECRET_ACCESS_KEY=local-secret \
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local-secret \
  TRUSTED_PROXY_COUNT=1 SITE_URL="${SITE_URL:-http://127.0.0.1:$port}" \
  ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
  SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 CONN_MAX_AGE=60
if [ -n "${SMTP_PORT:-}" ]; then export EMAIL_MODE=smtp SMTP_HOST=127.0.0.1; else export EMAIL_MODE=file; fi

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --loglevel warning &
pids+=($!)
.venv/bin/moto_server -H 127.0.0.1 -p "$s3_port" >"$dir/moto.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$s3_port/" && redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.2
done
$PY -c "
import boto3, os
s3 = boto3.client('s3', endpoint_url=os.environ['S3_ENDPOINT_URL'], region_name='us-east-1')
if os.environ['S3_BUCKET'] not in [b['Name'] for b in s3.list_buckets()['Buckets']]:
    s3.create_bucket(Bucket=os.environ['S3_BUCKET'])
" || exit 1

$PY manage.py migrate --noinput -v 0 || exit 1
$PY manage.py review_reminders --schedule >/dev/null
if [ "${CLUSTER_DEMO:-1}" != 0 ]; then
  $PY manage.py load_demo && $PY manage.py ensure_local_staff || exit 1
fi
$PY manage.py collectstatic --noinput -v 0

start_app() {  # $1: instance number, $2: port
  .venv/bin/gunicorn medhome.wsgi --bind "127.0.0.1:$2" --workers 2 --timeout 30 \
    --graceful-timeout 20 --access-logfile - --log-level warning --pid "$dir/gunicorn-$1.pid" &
  for _ in $(seq 1 150); do curl -fs -o /dev/null "http://127.0.0.1:$2/livez" && return 0; sleep 0.2; done
  echo "instance $1 did not start" >&2; return 1
}
stop_app() {  # graceful: gunicorn finishes the requests in hand
  local pid; pid=$(cat "$dir/gunicorn-$1.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
start_app 1 "$app1" && start_app 2 "$app2" || exit 1
for n in 1 2; do
  $PY manage.py worker --no-startup-delay --no-reload &
  pids+=($!)
done

cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx/nginx.pid;
error_log stderr warn;
$( [ "$(id -u)" = 0 ] && echo "user root root;" )
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  client_max_body_size 12m;
  # max_fails=0: an instance that refuses a connection is never marked down, so
  # every request tries it and falls through to the other at once. With failure
  # accounting, the instance restarted first could still be marked down when the
  # second went away, and nginx answered 502 for those seconds.
  upstream portal {
    server 127.0.0.1:$app1 max_fails=0;
    server 127.0.0.1:$app2 max_fails=0;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;  # with the port: Django checks a form's Origin against it
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # An instance that is restarting refuses connections: try the other one.
      proxy_next_upstream error timeout http_502;
      proxy_next_upstream_tries 2;
    }
  }
}
EOF
nginx -c "$dir/nginx/nginx.conf" -e stderr &
pids+=($!)
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/livez" && break; sleep 0.2; done

rolling_restart() {
  echo "Rolling restart: instance 1"
  stop_app 1; start_app 1 "$app1"
  echo "Rolling restart: instance 2"
  stop_app 2; start_app 2 "$app2"
  echo "restarted $(date +%s)" >>"$dir/restarts"
}
trap rolling_restart USR1

cat >"$dir/state" <<EOF
CLUSTER_PID=$$
PORT=$port
APP1=$app1
APP2=$app2
REDIS=$redis_port
S3=$s3_port
DATABASE_URL=$DATABASE_URL
EOF
echo "Cluster up: http://127.0.0.1:$port/ (nginx) -> 127.0.0.1:$app1 and 127.0.0.1:$app2;"
echo "Redis :$redis_port, S3 (moto) :$s3_port, 2 workers. Ctrl-C stops everything."
while :; do
  sleep 1 &
  wait $! 2>/dev/null
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid ended; stopping" >&2; exit 1; }
  done
done
