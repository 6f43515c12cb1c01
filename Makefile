# Portal LPSE — two commands: `make run` (demo, no servers needed) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_START := pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
REDIS_START := redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
APT := DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: run test bench lint format services system-deps chromium cluster-deps assets clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

# WeasyPrint needs Pango and a font; both are Debian packages.
system-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0 || ! fc-list | grep -qi dejavu; then \
	  echo "Memasang pustaka sistem untuk PDF (Pango, fon DejaVu)…"; \
	  $(APT) update -qq && $(APT) install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; \
	fi
	@# The PKCS#11 signing backend is tested against SoftHSM, a software token (issue 12).
	@if [ ! -e /usr/lib/softhsm/libsofthsm2.so ] || ! command -v pkcs11-tool >/dev/null; then \
	  echo "Memasang SoftHSM dan pkcs11-tool untuk uji tanda tangan PKCS#11…"; \
	  $(APT) update -qq && $(APT) install -y -qq softhsm2 opensc >/dev/null; \
	fi

# Browser tests use Debian's Chromium, never a downloaded browser; the PDF
# tests turn pages into images with poppler's pdftoppm; the Nu HTML Checker
# (npm vnu-jar) runs on Debian's Java.
chromium:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Memasang paket Debian:$$missing"; \
	  $(APT) update -qq && $(APT) install -y -qq $$missing >/dev/null; \
	fi

# The demo accounts skip the second factor (no phone needed); settings refuse
# this variable when DEBUG=0. `OTP_DEMO_BYPASS=0 make run` tries the real flow.
run: export OTP_DEMO_BYPASS ?= 1
# Links in mail (the demo's tickets, a failed backup) point at the server make run starts.
run: export SITE_URL ?= http://$(or $(HOST),127.0.0.1):$(or $(PORT),8000)
# The cluster test (tests/cluster) puts a real nginx in front of two gunicorn servers.
cluster-deps:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  echo "Memasang paket Debian: nginx"; \
	  $(APT) update -qq && $(APT) install -y -qq nginx >/dev/null; \
	fi

run: $(VENV)/.runtime assets system-deps
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@scripts/run-dev.sh

services:
	@ok=1; \
	if ! pg_isready -h 127.0.0.1 -p 5432 -q; then \
	  echo "PostgreSQL di 127.0.0.1:5432 tidak menjawab. Jalankan: $(PG_START)"; ok=0; fi; \
	if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
	  echo "Redis di 127.0.0.1:6379 tidak menjawab. Jalankan: $(REDIS_START)"; ok=0; fi; \
	[ $$ok = 1 ]

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports  # import contracts in pyproject.toml (issue 10)

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.dev assets system-deps chromium cluster-deps services lint
	@# makemigrations --check also checks the history of the database it names
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='lpse'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres lpse
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run -v 1
	$(BIN)/pytest

bench: $(VENV)/.dev assets system-deps services
	bench/run.sh

clean:
	rm -rf var .pytest_cache .ruff_cache
