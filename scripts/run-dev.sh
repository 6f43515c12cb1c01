#!/usr/bin/env bash
# Serve the demo portal and run a Celery worker with beat; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Links in mail (a failed backup, a ticket) point at this server, whatever its port.
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}

$BIN/celery -A lpse worker --beat --loglevel=WARNING --concurrency=2 --without-mingle --without-gossip &
WORKER=$!
stop() {
  trap - INT TERM EXIT
  kill -TERM "$WORKER" 2>/dev/null || true
  wait "$WORKER" 2>/dev/null || true
}
trap stop INT TERM EXIT

cat <<BANNER

  Portal LPSE berjalan di  http://$HOST:$PORT/
  Dasbor staf:             http://$HOST:$PORT/staf/
  Akun demo: lihat daftar di atas (kata sandi: demo-lpse-2026)
  Tekan Ctrl-C untuk menghentikan server web dan worker Celery.

BANNER
$BIN/python manage.py runserver --noreload "$HOST:$PORT"
