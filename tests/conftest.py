from __future__ import annotations

import pytest

from sitebuild import ROOT, Build, sphinx_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once with warnings as errors."""
    return sphinx_build(ROOT, tmp_path_factory.mktemp("site") / "html")
