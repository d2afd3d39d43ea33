"""Put into the root of sphinxcontrib-bibtex's source as ``conftest.py``
(tests/sphinx/test_upstream_suites.py does): every Sphinx application of its test
suite loads the extension's ``cite`` domain in upstream's place.

The testroot's ``extensions`` are read from its ``conf.py`` and given back
with ``sphinx_seminar.speedups.citedomain`` (the speed-ups' piece
``cite-domain``) after them, through Sphinx's
own ``confoverrides``; each application made is checked to have the
subclass, and counted in the file ``SEMINAR_DOMAIN_COUNT`` names.
"""

import os
import runpy

import pytest

EXTENSION = "sphinx_seminar.speedups.citedomain"


@pytest.fixture
def app_params(app_params):
    args, kwargs = app_params
    overrides = dict(kwargs.get("confoverrides") or {})
    conf = kwargs["srcdir"] / "conf.py"
    extensions = overrides.get("extensions")
    if extensions is None:
        extensions = runpy.run_path(str(conf)).get("extensions", []) if conf.is_file() else []
    if isinstance(extensions, str):
        extensions = extensions.split(",")
    overrides["extensions"] = [*extensions, EXTENSION]
    kwargs["confoverrides"] = overrides
    return type(app_params)(args, kwargs)


@pytest.fixture
def make_app(make_app):
    def make(*args, **kwargs):
        app = make_app(*args, **kwargs)
        if "sphinxcontrib.bibtex" in app.extensions:
            assert type(app.env.domains["cite"]).__name__ == "SeminarBibtexDomain"
            with open(os.environ["SEMINAR_DOMAIN_COUNT"], "a", encoding="utf-8") as count:
                count.write("1\n")
        return app

    return make
