#!/usr/bin/env bash
# make bench: seed PostgreSQL with volume data, serve the portal with gunicorn
# and production settings, drive each page with locust as logged-in users,
# drive the agents' ingest endpoint (issue 5), time backup and verification
# against plain pg_dump (issue 6) and the yearly report (issue 7), write
# docs/benchmarks.md. Exit status 1 when a page or another budget misses its
# budget (the file is written either way).
#
# Environment: BENCH_SECONDS (per page, default 20, in BENCH_ROUNDS slices taken
# in turn with the other pages, default 4), BENCH_USERS (default 4),
# BENCH_DB (default lpse_bench), BENCH_DB_SMALL (the small data set, default
# ${BENCH_DB}_small), PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres),
# BENCH_REDIS_DB (1), BENCH_QUIET_WAIT (seconds each page may wait for a busy
# shared machine to calm down; default 0), BENCH_INGEST_USERS (concurrencies
# tried on the ingest endpoint, default "4 8 16"), BENCH_INGEST_SECONDS (per
# concurrency, default 20; 0 skips), BENCH_BACKUP_MB (size of the backup bench
# database, default 1024; 0 skips), BENCH_BACKUP_DB (its name, default
# ${BENCH_DB}_backup; kept between runs and refilled only when its size is off).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-lpse_bench}
SMALL_DB=${BENCH_DB_SMALL:-${BENCH_DB}_small}
BACKUP_MB=${BENCH_BACKUP_MB:-1024}
export BENCH_BACKUP_DB=${BENCH_BACKUP_DB:-${BENCH_DB}_backup}
export BENCH_INGEST_SECONDS=${BENCH_INGEST_SECONDS:-20} BENCH_INGEST_USERS=${BENCH_INGEST_USERS:-4 8 16}
REDIS_DB=${BENCH_REDIS_DB:-1}
export BENCH_SECONDS=${BENCH_SECONDS:-20} BENCH_USERS=${BENCH_USERS:-4}

# Production settings, as lpse/settings.py reads them; plain HTTP on loopback,
# so no HTTPS redirect and no Secure-only cookies.
export DJANGO_SETTINGS_MODULE=lpse.settings DEBUG=0
SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB CELERY_BROKER_URL=redis://127.0.0.1:6379/$REDIS_DB
export EMAIL_URL=consolemail:// LOG_LEVEL=WARNING
export VAR_DIR=$ROOT/var/bench
export MEDIA_ROOT=$VAR_DIR/media BACKUP_ROOT=$VAR_DIR/backup
VOLUME_URL=postgres://$PGUSER@$PGHOST:$PGPORT/$BENCH_DB
SMALL_URL=postgres://$PGUSER@$PGHOST:$PGPORT/$SMALL_DB
mkdir -p "$VAR_DIR"
rm -rf "$VAR_DIR/load" "$VAR_DIR/ingest" "$VAR_DIR"/backup.* "$VAR_DIR"/laporan-*

step() { printf '\n== %s\n' "$*"; }

# Recorded before anything starts: how busy the machine already is.
BENCH_LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
BENCH_PG_VERSION=$(psql -d postgres -Atc 'SHOW server_version')
BENCH_REDIS_VERSION=$(redis-cli -h 127.0.0.1 INFO server | sed -n 's/^redis_version:\(.*\)\r$/\1/p')
BENCH_GUNICORN="2 worker x 2 thread (gthread)"
BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet HEAD -- . ':!docs/benchmarks.md' 2>/dev/null || echo "+perubahan")
export BENCH_LOADAVG BENCH_PG_VERSION BENCH_REDIS_VERSION BENCH_GUNICORN BENCH_COMMIT

redis-cli -h 127.0.0.1 -n "$REDIS_DB" FLUSHDB >/dev/null

prepare_db() { # name url seed_volume-args...
  local name=$1 url=$2
  shift 2
  step "Basis data $name"
  # BENCH_REUSE_DB=1 keeps a database seeded by an earlier run (only new
  # migrations are applied): for re-measuring after a fix without reseeding.
  if [ "${BENCH_REUSE_DB:-0}" = 1 ] && psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1; then
    DATABASE_URL=$url "$BIN/python" manage.py migrate --noinput -v 0
    return
  fi
  dropdb --if-exists --force "$name"
  createdb "$name"
  DATABASE_URL=$url "$BIN/python" manage.py migrate --noinput -v 0
  DATABASE_URL=$url "$BIN/python" manage.py seed_demo --quiet-accounts
  DATABASE_URL=$url "$BIN/python" manage.py seed_volume "$@"
}
prepare_db "$SMALL_DB" "$SMALL_URL" --small
prepare_db "$BENCH_DB" "$VOLUME_URL"

step "Berkas statis"
DATABASE_URL=$VOLUME_URL "$BIN/python" manage.py collectstatic --noinput -v 0

step "Jumlah query per halaman (data kecil dan volume)"
# Separate cache key prefixes: the two databases must not read each other's
# cached banners.
DATABASE_URL=$SMALL_URL CACHE_KEY_PREFIX=bench-small "$BIN/python" -m bench.queries >"$VAR_DIR/queries-small.json"
export DATABASE_URL=$VOLUME_URL CACHE_KEY_PREFIX=bench
"$BIN/python" -m bench.queries >"$VAR_DIR/queries-volume.json"
"$BIN/python" -m bench.pages >"$VAR_DIR/plan.json"

PORT=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
step "gunicorn di $URL"
"$BIN/gunicorn" lpse.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads 2 --worker-class gthread \
  --error-logfile "$VAR_DIR/gunicorn.log" --log-level warning &
GUNICORN=$!
export BENCH_GUNICORN_PID=$GUNICORN BENCH_DB
stop() {
  kill -TERM "$GUNICORN" 2>/dev/null || true
  wait "$GUNICORN" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 60); do
  if curl -fsS -o /dev/null "$URL/akun/masuk/" 2>/dev/null; then break; fi
  kill -0 "$GUNICORN" 2>/dev/null || { echo "gunicorn berhenti; lihat $VAR_DIR/gunicorn.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$URL/akun/masuk/"

step "Beban: $BENCH_USERS pengguna, $BENCH_SECONDS detik per halaman"
"$BIN/python" -m bench.drive "$VAR_DIR/plan.json" "$URL" "$VAR_DIR/load"

if [ "$BENCH_INGEST_SECONDS" -gt 0 ]; then
  step "Ingest agen: $BENCH_INGEST_USERS pengguna, $BENCH_INGEST_SECONDS detik per tingkat"
  # A crash leaves var/bench/ingest/ without ingest.json: the report says FAIL.
  mkdir -p "$VAR_DIR/ingest"
  "$BIN/python" -m bench.ingest "$URL" "$VAR_DIR/ingest" || echo "Ingest gagal; lihat $VAR_DIR/ingest/" >&2
fi
stop
trap - EXIT

# The steps below run with gunicorn stopped; bench.capture keeps each answer
# (or its failure) as JSON and never stops the script before the report.
if [ "$BACKUP_MB" -gt 0 ]; then
  step "Cadangan dan verifikasi ($BACKUP_MB MB, basis data $BENCH_BACKUP_DB) terhadap pg_dump -Fc"
  "$BIN/python" -m bench.capture "$VAR_DIR/backup.json" -- "$BIN/python" bench/backup_bench.py \
    --size-mb "$BACKUP_MB" --database-url "postgres://$PGUSER@$PGHOST:$PGPORT/postgres"
fi

if [ "${BENCH_SUBMIT_RUNS:-10}" -gt 0 ]; then
  step "Kirim pendaftaran: lima berkas 2 MB, ${BENCH_SUBMIT_RUNS:-10} kali"
  "$BIN/python" -m bench.capture "$VAR_DIR/registrasi-submit.json" -- \
    "$BIN/python" -m bench.registrasi_submit_bench --runs "${BENCH_SUBMIT_RUNS:-10}"
fi

if [ -f bench/laporan_bench.py ]; then
  step "Laporan tahunan (data kecil dan volume)"
  DATABASE_URL=$SMALL_URL CACHE_KEY_PREFIX=bench-small \
    "$BIN/python" -m bench.capture "$VAR_DIR/laporan-small.json" -- "$BIN/python" -m bench.laporan_bench
  "$BIN/python" -m bench.capture "$VAR_DIR/laporan-volume.json" -- "$BIN/python" -m bench.laporan_bench
fi

step "Tanda tangan elektronik: terbit + tanda tangan vs render polos; halaman verifikasi"
DATABASE_URL=$SMALL_URL CACHE_KEY_PREFIX=bench-small \
  "$BIN/python" -m bench.capture "$VAR_DIR/signing.json" -- "$BIN/python" -m bench.signing_bench --runs 5

step "Laporan"
"$BIN/python" -m bench.report "$VAR_DIR" docs/benchmarks.md
