# Two commands: `make run` (set up and serve with demo content) and `make test` (the whole suite).
# Every target is idempotent: running it twice does no work the second time it does not need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-requirements-dev.lock
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in the admin's mails (review requests) point where `make run` serves, unless set outright.
ADMIN_BASE_URL := $(or $(WAGTAILADMIN_BASE_URL),http://$(HOST):$(PORT))

.PHONY: help install demo run production test test-fast lint format messages lock check-deploy clean

help:
	@echo "make run      set everything up and serve http://$(HOST):$(PORT)/ with demo content"
	@echo "make test     install, then lint and run the whole test suite (coverage must stay >= 90%)"
	@echo "make install  create $(VENV) and install the lock file"
	@echo "make demo     migrate and load the demo content"
	@echo "make production  gunicorn + django-q2 worker + nginx with production settings (docs/production.md)"

$(STAMP): requirements-dev.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $(STAMP)

install: $(STAMP)

var:
	@mkdir -p var

demo: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_schedules

run: demo
	@$(PY) manage.py ensure_local_admin --url http://$(HOST):$(PORT)/admin/
	@$(PY) manage.py ensure_demo_accounts --url http://$(HOST):$(PORT)/admin/
	@echo "Serving http://$(HOST):$(PORT)/ and a django-q2 worker; Ctrl-C stops both."
	@WAGTAILADMIN_BASE_URL=$(ADMIN_BASE_URL) $(PY) manage.py serve_with_worker $(HOST):$(PORT)

# The production stack on one machine: needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and
# REDIS_URL in the environment (README "Production"); LISTEN is nginx's address.
LISTEN ?= 127.0.0.1:8080
production: install var
	DJANGO_SETTINGS_MODULE=portal.settings.production $(PY) manage.py serve_production --listen $(LISTEN)

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; else echo "npm not found: browser accessibility checks will be skipped"; fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install var node_modules/.package-lock.json lint
	$(PY) manage.py makemigrations --check --dry-run --settings=portal.settings.test
ifeq ($(strip $(PYTEST_ARGS)),)
	$(VENV)/bin/coverage run -m pytest
	$(VENV)/bin/coverage report
else
	$(VENV)/bin/pytest $(PYTEST_ARGS)
endif

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests
	$(PY) manage.py wagtail_messages
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

lock:
	rm -rf var/lockenv && $(PYTHON) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet -r requirements.in
	(echo "# Exact versions of the runtime dependencies (generated from requirements.in by \`make lock\`)."; var/lockenv/bin/pip freeze) > requirements.lock
	var/lockenv/bin/pip install --quiet -r requirements-dev.in
	(echo "# Exact versions of runtime + test/dev dependencies (generated from requirements-dev.in by \`make lock\`)."; var/lockenv/bin/pip freeze) > requirements-dev.lock
	rm -rf var/lockenv

clean:
	rm -rf $(VENV) node_modules var/*.sqlite3 staticfiles
