from __future__ import annotations

import pytest

from sitebuild import ROOT, Build, copy_site, sphinx_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once with warnings as errors."""
    return sphinx_build(ROOT, tmp_path_factory.mktemp("site") / "html")


@pytest.fixture(scope="session")
def second(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The second seminar's site (tests/sites/second), built once with warnings as errors."""
    build = sphinx_build(copy_site("second", tmp_path_factory.mktemp("second")), tmp_path_factory.mktemp("second-html") / "html")
    assert build.returncode == 0, build.warnings
    return build
