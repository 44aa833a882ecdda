# Medical Home Portal. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
TEST_PG_PORT ?= 54329
export TEST_PG_PORT
# pytest-xdist workers: three on these two-core machines, as the browser tests and
# their live servers wait often enough to leave two workers' cores partly idle.
WORKERS ?= 3

# Local-only values; production sets its own environment (see .env.example).
LOCAL_ENV := DEBUG=true SECRET_KEY=local-development-only-not-secret
# make run: production settings (DEBUG off, our 404/500, WhiteNoise, uploads served by
# the site) over plain HTTP on loopback, mail written to var/mail/.
RUN_ENV := DEBUG=false SECRET_KEY=local-run-only-not-secret SECURE_SSL_REDIRECT=false \
  SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 EMAIL_MODE=file PORT=$(PORT)
.PHONY: help venv run dev cluster cluster-deps serve test test-quick lint format bench messages static demo clean lock audit

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

# Every package, direct and indirect, is installed from requirements.lock with its hash
# checked. pyproject.toml names the direct pins; `make lock` turns them into the lock.
LOCK := requirements.lock
$(VENV)/.installed: $(LOCK) pyproject.toml
	@test -x $(PY) || $$(scripts/find-python.sh) -m venv $(VENV)
	@$$(scripts/find-python.sh) scripts/lock_check.py
	@$(PY) -m pip install -q --upgrade pip >/dev/null
	@$(PY) -m pip install -q --require-hashes --no-deps -r $(LOCK) 2> >(grep -v "^WARNING: Location" >&2)
	@touch $@

lock: ## Regenerate requirements.lock (every package, hashed) from pyproject.toml; run after changing or merging a pin
	@test -x $(PY) || $$(scripts/find-python.sh) -m venv $(VENV)
	@test -x $(VENV)/bin/uv || $(PY) -m pip install -q "$$(grep -o '"uv==[^"]*"' pyproject.toml | tr -d '"')"
	@$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --universal \
	  --python-version 3.12 --quiet -o $(LOCK)
	@echo "requirements.lock regenerated; commit it with pyproject.toml."

audit: venv ## Check the locked packages for known vulnerabilities (pip-audit); says so when the database is unreachable
	@scripts/audit.sh

venv: $(VENV)/.installed ## Create .venv and install the pinned packages

messages: venv ## Compile the Spanish catalogue
	@$(LOCAL_ENV) $(PY) manage.py compilemessages --ignore=.venv -v 0

static: venv ## Collect static files (hashed, compressed)
	@$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput -v 0

demo: venv ## Migrate the SQLite database and load the demo content (idempotent)
	@$(LOCAL_ENV) $(PY) manage.py migrate --noinput -v 0
	@$(LOCAL_ENV) $(PY) manage.py createcachetable -v 0
	@$(LOCAL_ENV) $(PY) manage.py load_demo
	@$(LOCAL_ENV) $(PY) manage.py ensure_local_staff
	@$(LOCAL_ENV) $(PY) manage.py ensure_role_users

run: venv messages static demo ## Serve the portal as in production (DEBUG off) with demo content on http://127.0.0.1:$(PORT)/
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C stops the site and the task worker)"
	@$(RUN_ENV) scripts/serve.sh $(PORT)

dev: venv messages static demo ## For developers: DEBUG on, Django's reloading server and the worker
	@echo "Developing on http://127.0.0.1:$(PORT)/ (DEBUG on; Ctrl-C stops both)"
	@$(LOCAL_ENV) PORT=$(PORT) scripts/serve.sh $(PORT) dev

cluster-deps: ## Install nginx and Redis from Debian's packages when missing
	@command -v nginx >/dev/null && command -v redis-server >/dev/null || { echo "Installing nginx and Redis from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light redis-server >/dev/null; }

cluster: venv messages static cluster-deps ## The production shape: nginx, two gunicorn instances, PostgreSQL, Redis, workers, local S3 (Ctrl-C stops all)
	@scripts/cluster.sh

chromium:
	@command -v chromium >/dev/null || { echo "Installing Chromium from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }

test: venv messages static chromium cluster-deps ## Lint, then the whole suite on a throw-away PostgreSQL, then a smoke run on SQLite
	@scripts/test.sh $(WORKERS)

test-quick: venv messages ## Run pytest on PostgreSQL with ARGS (e.g. make test-quick ARGS="tests/faq -x")
	@url=$$(scripts/testdb.sh start) && \
	  $(LOCAL_ENV) DATABASE_URL=$$url $(PY) -m pytest $(ARGS); rc=$$?; exit $$rc

lint: venv ## ruff check and format check, mypy (django-stubs)
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(LOCAL_ENV) $(VENV)/bin/mypy .

format: venv ## Apply ruff's fixes and formatting
	@$(VENV)/bin/ruff check --fix . ; $(VENV)/bin/ruff format .

bench: venv static ## Load benchmark against gunicorn on a throw-away PostgreSQL
	@bench/run.sh

clean: ## Remove the venv, the local database, collected static files and mail
	rm -rf $(VENV) var/db.sqlite3 var/static var/mail
