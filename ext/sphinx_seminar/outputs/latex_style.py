"""The handouts' title page and running heads: a LaTeX package shipped with the extension.

``texinputs/sphinxseminar.sty`` holds the layout; this module hands it to
Sphinx's LaTeX builder (``latex_additional_files``, ``add_latex_package``)
and defines what it names, from ``conf.py``: ``seminar_name`` (default:
``project``) and ``seminar_institute``, and the title page's "Organisers:"
in the site's language.  A site's own ``maketitle`` in
``latex_elements`` is kept.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..integration.language import words

PACKAGE = "sphinxseminar"
STY = Path(__file__).parents[1] / "texinputs" / f"{PACKAGE}.sty"

# LaTeX's special characters, as text (Sphinx's own table is filled only
# once its LaTeX builder starts, after the configuration is read).
_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "%": r"\%", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex_text(text: str) -> str:
    return "".join(_SPECIAL.get(char, char) for char in text)


def setup_package(app: Sphinx) -> None:
    app.add_latex_package(PACKAGE)
    app.connect("config-inited", configure)


def configure(app: Sphinx, config: Config) -> None:
    """``config-inited``: the package's file, its names, and the title it makes."""
    config.latex_additional_files = [*config.latex_additional_files, str(STY)]
    elements = dict(config.latex_elements)
    elements.setdefault("maketitle", r"\seminarmaketitle")
    organisers = words(app)._("Organisers:")
    names = (rf"\newcommand{{\seminarname}}{{{tex_text(config.seminar_name or config.project)}}}" "\n"
             rf"\newcommand{{\seminarinstitute}}{{{tex_text(config.seminar_institute)}}}" "\n"
             rf"\newcommand{{\seminarorganiserslabel}}{{{tex_text(organisers)}}}" "\n")
    elements["preamble"] = names + elements.get("preamble", "")
    config.latex_elements = elements
