"""The version of sphinx-seminar: a module of its own, so that setup() can name it without importing the package's __init__ again."""

__version__ = "0.1.0"
