#!/usr/bin/env bash
# Run the Pacte demo on the embedded SQLite database (var/pacte.sqlite3):
# migrate, generate demo data if there are no cases yet, collect static files,
# start the task worker and gunicorn, print the URL and the logins.
# Ctrl-C (or TERM) stops both processes.
#
#   bin/demo.sh [--contacts N] [--months M] [--port P] [--seed S]
#   PACTE_DEMO_HOST=0.0.0.0 bin/demo.sh     # listen on every interface
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

contacts=30000
months=12
port=8000
seed=2004

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts=$2; shift 2 ;;
    --months) months=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "demo.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

host=${PACTE_DEMO_HOST:-127.0.0.1}
py="$root/.venv/bin/python"
gunicorn="$root/.venv/bin/gunicorn"
if [ ! -x "$py" ] || [ ! -x "$gunicorn" ]; then
  echo "demo.sh: no virtualenv in .venv; run 'make install' first" >&2
  exit 1
fi
export PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=pacte.config.settings
# Cases customers file themselves go to the back office for written requests.
export PACTE_WEB_INTAKE_TEAM=${PACTE_WEB_INTAKE_TEAM:-back-office}
# Outgoing email (acknowledgements, answers, portal confirmations) lands in var/outbox/
# as files instead of going to an SMTP server.
export PACTE_EMAIL_BACKEND=${PACTE_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}
case "$host" in
  127.0.0.1 | localhost | ::1) ;;
  # Reached by another name than the loopback: accept any Host header (a demo only).
  *) export PACTE_ALLOWED_HOSTS=${PACTE_ALLOWED_HOSTS:-*} ;;
esac
mkdir -p "$root/var"

manage() { "$py" "$root/manage.py" "$@"; }

echo "== migrate"
manage migrate --noinput -v 0
echo "== demo data"
manage generate_demo --if-empty --contacts "$contacts" --months "$months" --seed "$seed"
echo "== static files"
manage collectstatic --noinput -v 0

worker=""
web=""
stop() {
  trap - INT TERM EXIT
  echo
  echo "== stopping"
  for pid in $web $worker; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $web $worker; do
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Started directly (not through the manage function) so that $! is the process itself.
"$py" "$root/manage.py" db_worker --queue-name '*' &
worker=$!
"$gunicorn" pacte.config.wsgi --bind "$host:$port" --workers 2 \
  --access-logfile - --log-level warning &
web=$!

probe=$host
case "$host" in 0.0.0.0 | ::) probe=127.0.0.1 ;; esac
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/$probe/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$web" 2>/dev/null; then
    echo "demo.sh: gunicorn did not start (is port $port free?)" >&2
    exit 1
  fi
  sleep 0.1
done

url_host=$host
case "$host" in *:*) url_host="[$host]" ;; esac
cat <<EOF

Pacte demo: http://$url_host:$port/   (API: http://$url_host:$port/api/docs/)
Logins (username, password, role):
$(manage generate_demo --logins)
Public pages: http://$url_host:$port/public/access/  /public/contact/  /public/results/
Outgoing email is written to var/outbox/ (no SMTP server in the demo).
Ctrl-C stops the web server and the worker.

EOF

# Return when either process ends (or on Ctrl-C / TERM, through the traps).
wait -n "$web" "$worker" || true
