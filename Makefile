# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: install run test lint migrate seed worker beat messages clean

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

# Links in e-mails lead back to this server (SITE_URL follows PORT unless set).
run: seed
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	$(BIN)/celery -A handlingsprogram worker --loglevel=INFO

beat: install
	$(BIN)/celery -A handlingsprogram beat --loglevel=INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint node_modules/.installed
	DJANGO_SETTINGS_MODULE=handlingsprogram.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))')" \
		DJANGO_SETTINGS_MODULE=handlingsprogram.settings.production \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	@if command -v docker-compose >/dev/null 2>&1; then \
		SECRET_KEY=validate POSTGRES_PASSWORD=validate docker-compose -f docker-compose.yml config --quiet \
			&& echo "docker-compose.yml is valid"; \
	else echo "docker-compose not found: compose file not validated"; fi
	$(BIN)/pytest $(PYTEST_ARGS)

messages: install
	$(BIN)/python manage.py makemessages --locale sv --locale en --no-obsolete --no-location --ignore '.venv/*' --ignore 'node_modules/*'
	$(BIN)/python manage.py makemessages --domain djangojs --locale sv --locale en --no-obsolete --no-location --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles test-artifacts
