# Sphinx-quickstart style Makefile.  `make html` and `make test` create the
# virtual environment .venv on first use and install the project into it.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?= -W --keep-going
SOURCEDIR    = .
BUILDDIR     = _build
SPHINXBUILD  = $(VENV)/bin/sphinx-build
PORT        ?= 8000
STAMP        = $(VENV)/.installed

.PHONY: help html live latexpdf handouts site test unit mutants mutation bench clean clean-venv check-tex

help:
	@echo "make html      build the site into $(BUILDDIR)/html (warnings are errors)"
	@echo "make live      serve the site on http://127.0.0.1:$(PORT)/, rebuilt and reloaded on every save"
	@echo "make latexpdf  the PDF handout of each term, in $(BUILDDIR)/latex/"
	@echo "make handouts  one PDF per session, in $(BUILDDIR)/handouts/latex/"
	@echo "make site      the PDFs, then the site linking to them"
	@echo "make test      run the test suite"
	@echo "make unit      the unit tier alone (the model and the formats, no Sphinx build; seconds)"
	@echo "make mutation  mutmut over the snapshot and the formats, on the unit tier (about 4 minutes)"
	@echo "make mutants   the curated mutants of the Sphinx layer and the browser script (about 10 minutes)"
	@echo "make bench     the performance benchmark, N = 100 and 1000 sessions"
	@echo "make clean     remove $(BUILDDIR)"

# Reinstall whenever the declared dependencies change.
$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian, run 'apt-get install python3-venv'." >&2; exit 1; }
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[site,test]'
	@touch $@

html: $(STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

# A preview while writing: sphinx-autobuild rebuilds on every save and
# reloads the page in the browser.  Warnings are shown, not fatal.
live: $(STAMP)
	@test -x $(VENV)/bin/sphinx-autobuild || { echo "make live needs sphinx-autobuild: $(VENV)/bin/pip install sphinx-autobuild" >&2; exit 1; }
	$(VENV)/bin/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/live" --host 127.0.0.1 --port $(PORT) \
	  --re-ignore '(^|/)(\.venv|\.git|_build|\.pytest_cache)(/|$$)' $(O)

# The PDFs need XeLaTeX and latexmk from TeX Live.
check-tex:
	@command -v latexmk >/dev/null && command -v xelatex >/dev/null || { \
	  echo "make $(MAKECMDGOALS): TeX Live is missing (latexmk, xelatex)." >&2; \
	  echo "Install it with: sudo bash scripts/install-tex.sh" >&2; exit 1; }

latexpdf: check-tex $(STAMP)
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

handouts: check-tex $(STAMP)
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)/handouts" -D seminar_handouts=1 $(SPHINXOPTS) $(O)

# The site with its PDFs: the HTML pages link to the handouts built first.
site: latexpdf handouts html

test: $(STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

unit: $(STAMP)
	$(VENV)/bin/python -m pytest tests/unit $(PYTEST_ARGS)

# mutmut (the dev extra) over core/site.py and formats/, tested by tests/unit alone;
# fails when more than 10% of the mutants survive.
mutation: $(STAMP)
	@test -x $(VENV)/bin/mutmut || $(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	$(VENV)/bin/python scripts/mutation.py $(MUTATION_ARGS)

# The mutation check: curated mutants of the model, the schedule, the calendar
# and the guards against untrusted input, each tested in a copy of the
# repository; fails when more than 10% survive.  MUTANTS_ARGS="--only ID", "--list".
mutants: $(STAMP)
	$(VENV)/bin/python scripts/mutants.py $(MUTANTS_ARGS)

# The performance benchmark (about a quarter of an hour): bench/results.json.
bench: $(STAMP)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(BUILDDIR)

clean-venv:
	rm -rf $(VENV)
