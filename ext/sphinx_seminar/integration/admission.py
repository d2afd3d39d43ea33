"""The rule of :mod:`sphinx_seminar.core.admission` in the build, for every way a file gets in.

* **Pages** (``config-inited``): the source tree is walked as the rule
  says; a page that is a symbolic link out of the tree or into a hidden
  folder, a FIFO, a page with a control character in its name or not in
  ``source_encoding`` is reported and added to ``exclude_patterns``, so
  that Sphinx never opens it and the other pages build.  Hidden, build and
  environment folders are left out without a word, as ``_build`` is.
* **Directives that read a file while the page is parsed**
  (``literalinclude``, ``include``, ``csv-table :file:``, ``raw :file:``):
  the Markdown page's blocks are checked on its tokens before it is parsed
  (:mod:`sphinx_seminar.integration.pagecheck`: MyST reads an ``{include}``
  itself); subclasses of the directives, registered in their place, check
  the rest (reStructuredText pages and ``{eval-rst}`` blocks).
* **Images, figures and downloads**, which Sphinx copies into the site
  after reading: :class:`RefusedFiles` replaces a refused one before
  Sphinx's collectors see it.

Each refusal is a warning with the page and line (``-W`` fails), and the
page builds without the file.
"""

from __future__ import annotations

import os
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.admission import SourceTree, discover, forget_markers
from ..core.content import include_problem

logger = logging.getLogger(__name__)


def source_tree(srcdir: str | os.PathLike[str], config: Config, *also: str | os.PathLike[str]) -> SourceTree:
    """The site's source tree: ``exclude_patterns``, and the build's own folders where they lie inside it."""
    patterns = list(config.exclude_patterns)
    for folder in also:
        relative = os.path.relpath(os.path.abspath(folder), os.path.abspath(srcdir))
        if relative != "." and not relative.startswith(".."):
            patterns.append(literal_pattern(relative))
    return SourceTree.at(srcdir, tuple(patterns), tuple(config.include_patterns))


def env_tree(env: BuildEnvironment) -> SourceTree:
    """The tree :func:`leave_out_pages` made for this build, kept by the application's ``seminar`` domain."""
    domain = env.domains["seminar"]
    if domain.source_tree is None:
        domain.source_tree = source_tree(env.srcdir, env.config, env.doctreedir)
    return domain.source_tree


def literal_pattern(relative: str) -> str:
    """An ``exclude_patterns`` entry that matches this path only (no wildcards)."""
    return re.sub(r"([\[*?])", r"[\1]", relative.replace(os.sep, "/"))


def leave_out_pages(app: Sphinx, config: Config) -> None:
    """``config-inited``, after Sphinx has merged every extension's source suffixes:
    the pages the rule refuses are reported and excluded before Sphinx looks for pages."""
    forget_markers()
    suffixes = tuple(config.source_suffix)
    tree = source_tree(app.srcdir, config, app.outdir, app.doctreedir)

    def keep_tree(app: Sphinx) -> None:
        # The environment, and its domain, exist from here on (the tree is not saved with them).
        app.env.domains["seminar"].source_tree = tree

    app.connect("builder-inited", keep_tree, priority=10)
    found = discover(tree, suffixes, config.source_encoding)
    for relative, problem in found.left_out:
        if problem is not None:
            where = os.path.join(app.srcdir, problem.path)
            if problem.line is None:  # a folder: Sphinx reads a location without a line as a page's name
                logger.warning(f"{where}: {problem.text}", type="seminar", subtype="source")
            else:
                logger.warning(problem.text, location=f"{where}:{problem.line}", type="seminar", subtype="source")
        config.exclude_patterns.append(literal_pattern(relative))


def _refused(directive, argument: str) -> list[nodes.Node] | None:
    """The warning for a directive whose file the rule refuses; None when it may read it."""
    env = directive.state.document.settings.env
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    page = source or env.doc2path(env.docname)
    refusal = env_tree(env).include_refusal(argument, page)
    if refusal is None or refusal.missing:
        return None
    problem = include_problem(os.path.relpath(page, env.srcdir), line, directive.name, argument, refusal)
    logger.warning(problem.text, location=(env.docname, line), type="seminar", subtype="include")
    return []


def _guarded(base: type, file_of) -> type:
    """``base`` that reads its file only where the rule accepts it."""

    def run(self):
        argument = file_of(self)
        if argument:
            refused = _refused(self, argument)
            if refused is not None:
                return refused
        return base.run(self)

    return type(f"Guarded{base.__name__}", (base,), {"run": run, "__module__": __name__,
                                                      "__doc__": f"{base.__doc__ or base.__name__} (files under the site's rule)"})


def _argument(directive) -> str:
    return directive.arguments[0] if directive.arguments else ""


def _file_option(directive) -> str:
    return directive.options.get("file", "") or ""


def register_directives(app: Sphinx) -> None:
    """The directives that read a file while a page is parsed, in their place."""
    from docutils.parsers.rst.directives.misc import Raw
    from docutils.parsers.rst.directives.tables import CSVTable
    from sphinx.directives.code import LiteralInclude
    from sphinx.directives.other import Include

    for name, base, file_of in (("literalinclude", LiteralInclude, _argument), ("include", Include, _argument),
                                ("csv-table", CSVTable, _file_option), ("raw", Raw, _file_option)):
        app.add_directive(name, _guarded(base, file_of), override=True)


class RefusedFiles(SphinxTransform):
    """Images and downloads whose file the rule refuses: reported, and left out before Sphinx copies them."""

    # Before Sphinx's DoctreeReadEvent (880), whose handlers collect and copy them.
    default_priority = 870

    def apply(self, **kwargs: object) -> None:
        page = self.env.doc2path(self.env.docname)
        tree = env_tree(self.env)
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if _local(uri) and self._refuse(tree, page, image, "image", uri):
                image.replace_self(nodes.inline("", image.get("alt", ""), classes=["refused-file"]))
        for download in list(self.document.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if _local(target) and self._refuse(tree, page, download, "download", target):
                download.replace_self(nodes.inline("", "", *download.children, classes=["refused-file"]))

    def _refuse(self, tree: SourceTree, page: str, node: nodes.Element, what: str, target: str) -> bool:
        refusal = tree.include_refusal(target, page)
        if refusal is None or refusal.missing:
            return False
        line = node.line or (node.parent.line if node.parent is not None else None)
        problem = include_problem(os.path.relpath(page, self.env.srcdir), line, what, target, refusal)
        logger.warning(problem.text, location=(self.env.docname, line), type="seminar", subtype="include")
        return True


def _local(target: str) -> bool:
    return bool(target) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) is None and "*" not in target


def setup_admission(app: Sphinx) -> None:
    """Register the rule's handlers: pages at ``config-inited``, directives, images and downloads."""
    # After Sphinx merges the extensions' source suffixes (priority 800).
    app.connect("config-inited", leave_out_pages, priority=900)
    register_directives(app)
    app.add_transform(RefusedFiles)
