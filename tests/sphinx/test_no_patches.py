"""Loading the extension and building leave the packages it uses as they were.

``tests/patch_probe.py`` runs in a fresh process: after a build without the
extension, a full and an incremental build with it must leave every
attribute of the modules and classes of Sphinx, sphinxcontrib-bibtex,
pybtex, docutils and myst-parser the same object (a registry holding the
same keys), the garbage collector's settings as they were, and no codec
registered.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

from sitebuild import copy_site

PROBE = Path(__file__).resolve().parents[1] / "patch_probe.py"


def probe(site: Path, out: Path) -> list[dict]:
    run = subprocess.run([sys.executable, str(PROBE), str(site), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_a_build_leaves_the_packages_it_uses_as_they_were(tmp_path: Path) -> None:
    assert probe(copy_site("mini", tmp_path), tmp_path / "out") == []


def test_pybtex_lists_its_plugins_after_a_build(tmp_path: Path) -> None:
    import pybtex.plugin

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert build_main(["-b", "html", "-q", str(copy_site("mini", tmp_path)), str(tmp_path / "html")]) == 0
    assert "seminar" in set(pybtex.plugin.enumerate_plugin_names("pybtex.style.formatting"))


PATCHER = '''
import gc
import pybtex.plugin
from sphinx.environment import BuildEnvironment


def setup(app):
    original = BuildEnvironment.__getstate__
    BuildEnvironment.__getstate__ = lambda self: original(self)
    pybtex.plugin.register_plugin("pybtex.style.labels", "probe", object, force=True)
    gc.set_threshold(*[n + 1 for n in gc.get_threshold()])
    return {"parallel_read_safe": True}
'''


def test_the_probe_sees_what_an_extension_that_patches_would_change(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    (site / "patcher.py").write_text(PATCHER, encoding="utf-8")
    conf = site / "conf.py"
    conf.write_text("import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n" + conf.read_text(encoding="utf-8")
                    + 'extensions.append("patcher")\n', encoding="utf-8")
    found = probe(site, tmp_path / "out")
    assert {"changed": "sphinx.environment.BuildEnvironment.__getstate__"} in found
    assert {"changed": "pybtex.plugin._RUNTIME_PLUGINS"} in found
    assert {"changed": "gc"} in found
