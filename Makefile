# The two commands of the README: `make run` and `make test`. Everything they need is installed from here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# npm writes this file on every install; its age tells whether package-lock.json changed since.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: install system-packages run serve test lint check ci bench bench-pages demo

install: system-packages $(STAMP) $(NODE_STAMP)

system-packages:
	bash scripts/install-system-packages.sh

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

# axe-core, which the end-to-end tests inject into every page, exactly as package-lock.json pins it.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

# The production configuration on PostgreSQL (DATABASE_URL, PORT): see scripts/serve.sh and the README.
serve: install
	PY=$(PY) bash scripts/serve.sh

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

bench: install
	$(PY) bench/run.py

# Every main page on a generated city (python manage.py generate_city) at DATABASE_URL; writes the README's table.
bench-pages: install
	$(PY) bench/pages.py
