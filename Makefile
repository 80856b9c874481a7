# kopir — the commands README gives a newcomer. Everything installs from the
# project's own files: Debian packages (see system-packages, install-browser) through apt, Python
# packages into .venv through pip.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KOPIR := $(VENV)/bin/kopir
KOPIR_PORT ?= 8000
export KOPIR_DATA_DIR ?= $(CURDIR)/data
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: system-packages install install-browser run test lint bench worker messages clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/activate
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Debian packages, installed only when missing: gettext (catalogues), venv and a C++ compiler
# with Python's headers (hnswlib builds from source on some platforms), Pango and HarfBuzz's
# subsetter (WeasyPrint renders certificates and reports).
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v g++ >/dev/null || missing="$$missing g++"; \
	$(PYTHON) -c 'import os, sysconfig; assert os.path.exists(sysconfig.get_paths()["include"] + "/Python.h")' \
		2>/dev/null || missing="$$missing python3-dev"; \
	/sbin/ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	/sbin/ldconfig -p | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; fi

install: system-packages $(VENV)/.installed
	cd kopir && ../$(KOPIR) compilemessages -v0 --ignore='.venv*'
	$(KOPIR) collectstatic --noinput -v0

install-browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

run: install
	$(KOPIR) migrate --noinput -v0
	KOPIR_DEMO=1 $(KOPIR) demo load
	@echo "kopir is running at http://127.0.0.1:$(KOPIR_PORT)/  (Ctrl-C stops it)"
	KOPIR_DEMO=1 $(VENV)/bin/gunicorn kopir.wsgi --bind 127.0.0.1:$(KOPIR_PORT) --workers 2 --timeout 120 --access-logfile -

test: install install-browser lint
	KOPIR_DATA_DIR=$(CURDIR)/var/test $(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check kopir tests bench

bench: install
	$(PY) -m bench.matching
	$(PY) -m bench.scheduling
	$(PY) -m bench.extraction

worker: install
	KOPIR_TASKS=db $(KOPIR) db_worker

messages: $(VENV)/.installed
	cd kopir && ../$(KOPIR) makemessages -l kk -l ru -l en --no-obsolete --ignore='.venv*'

clean:
	rm -rf $(VENV) var
