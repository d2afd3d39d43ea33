"""A problem found in a contributed page, reported as ``file:line: field: message (hint)``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, with what to write instead.

    The same object feeds Sphinx warnings and the command-line checker, so
    a speaker reads the same sentence in both.
    """

    path: str
    line: int | None
    field: str | None
    message: str
    hint: str = ""

    @property
    def text(self) -> str:
        """The message without the location: ``field: message (hint)``."""
        prefix = f"{self.field}: " if self.field else ""
        suffix = f" ({self.hint})" if self.hint else ""
        return f"{prefix}{self.message}{suffix}"

    def __str__(self) -> str:
        line = f"{self.line}:" if self.line is not None else ""
        return f"{self.path}:{line} {self.text}"
