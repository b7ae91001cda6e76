# biengioi: `make demo` and `make test` set up everything on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PORT

.PHONY: demo test install install-test messages messages-update lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[test]'
	touch $@

# Front-end libraries and map data (Leaflet, Natural Earth): from npm, exactly as locked.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed messages
install-test: $(VENV)/.installed-test node_modules/.installed messages

messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

messages-update: $(VENV)/.installed  # after adding strings; needs GNU gettext (xgettext)
	cd src && ../$(BIN)/django-admin makemessages -l en -i "*/migrations/*" \
		--settings biengioi.settings --pythonpath .

demo: install
	$(BIN)/biengioi demo --port $(PORT)

lint: install-test
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/lint-imports
	$(BIN)/mypy src

test: install-test lint
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) var node_modules
