"""Version guards: the extension's subclasses of upstream classes go in only where tested."""

from __future__ import annotations

import importlib.metadata

from sphinx.util import logging

logger = logging.getLogger(__name__)


def tested(distribution: str, versions: tuple[str, ...], what: str, instead: str) -> bool:
    """Whether the installed ``distribution`` is one of the ``versions`` that ``what`` was
    tested with (and proved equivalent in ``tests/site/test_equivalence.py``); if not, the
    build log says so and what is used ``instead``."""
    version = importlib.metadata.version(distribution)
    if version.startswith(versions):
        return True
    logger.info(f"sphinx-seminar: {distribution} {version} is not a version {what} was tested with "
                f"({', '.join(v + 'x' for v in versions)}); {instead}")
    return False
