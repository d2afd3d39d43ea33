"""Math without a CDN: MathJax 3 from the django-static-mathjax package.

Sphinx 9 loads MathJax 4 from a CDN.  The package ships MathJax's files
(no Django needed to use them); the parts that typeset TeX as HTML (the
component, its TeX extensions, the CHTML fonts, the menu and the
accessibility modules) are copied into ``_static/mathjax/``.  MathJax 3
loads its fonts and extensions relative to its own script, so the site
needs no network for math.
"""

from __future__ import annotations

import importlib.util
import shutil
from importlib.resources import files
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.ext.mathjax import MATHJAX_URL
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT = "mathjax/tex-chtml.js"
_PARTS = ("tex-chtml.js", "input/tex", "output/chtml", "ui", "a11y", "adaptors", "sre")


def source() -> Path:
    return Path(str(files("mathjax"))) / "static" / "mathjax" / "es5"


def configure(app: Sphinx, config: Config) -> None:
    """Point Sphinx at the local copy, unless conf.py chose another MathJax (``config-inited``)."""
    if not config.seminar_offline_math or config.mathjax_path != MATHJAX_URL:
        return
    if importlib.util.find_spec("mathjax") is None:
        logger.info("sphinx-seminar: the django-static-mathjax package is not installed, so MathJax is loaded "
                    "from its CDN (pip install django-static-mathjax, or the extension's 'site' extra, serves it "
                    "from the site)")
        return
    config.mathjax_path = SCRIPT
    if not config.mathjax3_config:
        config.mathjax3_config = {"tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
                                  **_myst_options(config)}


def _myst_options(config: Config) -> dict:
    """The classes to process, as myst-parser sets them at ``builder-inited``.

    Given here already, so that the configuration Sphinx saves (after
    myst-parser's change) equals the next build's before it: else every
    build says "the configuration has changed" and reads every page again.
    """
    myst = getattr(config, "myst_enable_extensions", None) or ()
    if "dollarmath" in myst and getattr(config, "myst_update_mathjax", False):
        return {"options": {"processHtmlClass": config.myst_mathjax_classes}}
    return {}


def copy_mathjax(app: Sphinx) -> None:
    """Copy MathJax into the HTML output (``builder-inited``).

    Before the pages are written: Sphinx adds a checksum of each script it
    finds in the output to the page's link, so a page links the same URL
    whether it is written first or again.
    """
    if app.builder.format != "html" or app.config.mathjax_path != SCRIPT:
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in _PARTS:
        origin = source() / part
        if origin.is_dir():
            shutil.copytree(origin, target / part, dirs_exist_ok=True)
        elif origin.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, target / part)
