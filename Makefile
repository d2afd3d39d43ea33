# Sphinx-quickstart style Makefile.  `make html` and `make test` create the
# virtual environment .venv on first use and install the project into it.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?= -W --keep-going
SOURCEDIR    = .
BUILDDIR     = _build
SPHINXBUILD  = $(VENV)/bin/sphinx-build
STAMP        = $(VENV)/.installed

.PHONY: help html test clean clean-venv

help:
	@echo "make html   build the site into $(BUILDDIR)/html (warnings are errors)"
	@echo "make test   run the test suite"
	@echo "make clean  remove $(BUILDDIR)"

# Reinstall whenever the declared dependencies change.
$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian, run 'apt-get install python3-venv'." >&2; exit 1; }
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	@touch $@

html: $(STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

test: $(STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(BUILDDIR)

clean-venv:
	rm -rf $(VENV)
