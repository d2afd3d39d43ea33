"""The ``seminar`` command: ``check``, ``new`` and ``init``, on the core alone (no Sphinx)."""

from .main import main

__all__ = ["main"]
