# Two commands matter: `make run` (the app's main job) and `make test` (all checks).
# Both set everything up on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QTWEBENGINE_DISABLE_SANDBOX ?= 1

# First Python >= 3.12 found: pyenv's versions, then the usual names on PATH.
FIND_PYTHON = for c in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 \
	$$HOME/.pyenv/versions/3.12*/bin/python3 python3 python; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; \
	done; exit 1

.PHONY: run test lint typecheck unit demo package package-test clean translations

$(STAMP): pyproject.toml
	@py=$$($(FIND_PYTHON)) || { echo "error: Python >= 3.12 is needed (PySide6 crashes on 3.11)." \
		"Install one, e.g. 'pyenv install 3.12' or your distribution's python3.12, then re-run make." >&2; exit 1; }; \
	[ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { rm -rf $(VENV); $$py -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The app first checks the Qt system libraries (planner/ui/system_libs.py) and, when one is
# missing, prints the exact apt-get line instead of Qt's misleading xcb error.
run: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$QT_QPA_PLATFORM" = offscreen ]; then \
		$(VENV)/bin/territory-planner gui --demo; \
	else \
		echo "No display found: running the command-line demo instead (output in ./demo-out)."; \
		$(VENV)/bin/territory-planner demo --out demo-out; \
	fi

test: lint typecheck unit

lint: $(STAMP)
	$(VENV)/bin/ruff check planner tests benchmarks
	$(VENV)/bin/ruff format --check planner tests benchmarks
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

demo: $(STAMP)
	$(VENV)/bin/territory-planner demo --out demo-out

# Desktop bundle (PyInstaller one-folder build, a few minutes): dist/territory-planner/.
# `make package-test` runs the frozen app's --self-test; it is not part of `make test`.
PACKAGE_STAMP := $(VENV)/.installed-package
BUNDLE := dist/territory-planner/territory-planner
BUNDLE_INPUTS = $(shell find planner maps resources -type f -not -path '*/__pycache__/*') \
	packaging/territory-planner.spec packaging/launcher.py pyproject.toml

$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,package]"
	touch $(PACKAGE_STAMP)

$(BUNDLE): $(PACKAGE_STAMP) $(BUNDLE_INPUTS)
	$(VENV)/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller \
		packaging/territory-planner.spec
	touch $(BUNDLE)

package: $(BUNDLE)

package-test: $(BUNDLE)
	QT_QPA_PLATFORM=offscreen $(BUNDLE) --self-test

clean:
	rm -rf $(VENV) build dist demo-out .mypy_cache .ruff_cache .pytest_cache

# Refresh the Italian catalogues and compile the UI's (edit the .ts in Qt Linguist, the .po in
# any gettext editor): the window's (Qt) and the core's (exports, CLI, map; Babel).
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find planner/ui -name '*.py') -ts resources/translations/planner_it.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/planner_it.ts -qm resources/translations/planner_it.qm
	mkdir -p build
	$(VENV)/bin/pybabel extract --no-default-keywords -k t -k N_ -k gettext -k Word --no-location \
		--ignore-dirs=ui -w 100 -o build/core.pot planner
	$(VENV)/bin/pybabel update -w 100 -l it -i build/core.pot -o resources/translations/core_it.po
