"""The front-matter's and the configuration's references: Markdown tables, made from the model, checked in.

``seminar schemas`` writes ``docs/reference/*.markdown`` from the session and
term models and the configuration values' table; the docs' pages include
them, and GitHub shows them.  These tests fail while a checked-in file
differs from what the model makes, and read each table back with
markdown-it (the parser MyST uses; GitHub's reads tables the same way) to
see that every cell shows what it was made from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from sphinx_seminar.core import schema
from sphinx_seminar.core.configvalues import CONFIG_VALUES, ConfigValue
from sphinx_seminar.core.model import SessionFields, TermFields

ROOT = Path(__file__).resolve().parents[2]
# CommonMark with GitHub's tables and the site's dollar math (conf.py's myst_enable_extensions).
PARSER = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)


def cells(markdown: str) -> list[list[str]]:
    """Each row of the one table in ``markdown`` (the header first): each cell's text, code as `code`."""
    tokens = PARSER.parse(markdown)
    assert [t.type for t in tokens].count("table_open") == 1, markdown
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append("".join(f"`{c.content}`" if c.type == "code_inline" else c.content
                                    for c in token.children or [] if c.type in ("text", "code_inline")))
            kinds = {c.type for c in token.children or []} - {"text", "code_inline"}
            assert not kinds, (kinds, token.content)  # no emphasis, link, HTML or math made by accident
    return rows


@pytest.mark.parametrize("name", sorted(schema.REFERENCES))
def test_the_checked_in_reference_is_what_the_model_makes(name: str) -> None:
    path = ROOT / schema.REFERENCE_DIR / name
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run 'seminar schemas' to write it"
    assert path.read_text(encoding="utf-8") == schema.reference(name), \
        f"{path.relative_to(ROOT)} is out of date: run 'seminar schemas' to write it again from the model"


@pytest.mark.parametrize("name", sorted(schema.REFERENCES))
def test_a_reference_starts_with_the_line_that_says_what_wrote_it(name: str) -> None:
    first = schema.reference(name).split("\n", 1)[0]
    source = schema.REFERENCES[name][0]
    assert first == f"<!-- Written by 'seminar schemas' from {source}; do not edit. -->"
    assert first.startswith(schema.WRITTEN_BY)


@pytest.mark.parametrize("model", [SessionFields, TermFields])
def test_the_fields_table_has_each_field_in_the_models_order_with_its_kind_need_and_meaning(model) -> None:
    header, *rows = cells(schema.fields_table(model))
    assert header == ["Field", "Type", "Needed", "Meaning"]
    assert [row[0] for row in rows] == [f"`{name}`" for name in model.model_fields]
    for row, (name, kind, need, description) in zip(rows, schema.field_rows(model), strict=True):
        assert row[1:] == [kind, re.sub(r"^default: (.*)", r"default: `\1`", need), description], name


def test_the_fields_tables_say_what_the_models_state() -> None:
    session = {row[0]: row[1:3] for row in cells(schema.fields_table(SessionFields))[1:]}
    assert session["`title`"] == ["text", "required"]
    assert session["`start`"] == ['time ("HH:MM")', "required, or the term's default"]
    assert session["`status`"] == ["scheduled or cancelled or moved", "default: `scheduled`"]
    assert session["`online`"] == ["true or false", "default: `false`"]  # as the front-matter writes it
    term = {row[0]: row[1:3] for row in cells(schema.fields_table(TermFields))[1:]}
    assert term["`join_links_public`"] == ["true or false", "default: `false`"]
    assert term["`rooms`"] == ["mapping of room to address", "optional"]


def test_the_configuration_table_has_every_registered_value_with_its_default_and_rebuild() -> None:
    header, *rows = cells(schema.config_table())
    assert header == ["Name", "Default", "Rebuild", "Meaning"]
    assert rows == [[f"`{v.name}`", f"`{v.default!r}`", {"env": "`env`", "html": "`html`", "": "none"}[v.rebuild],
                     " ".join(v.description.split())] for v in CONFIG_VALUES]


@pytest.mark.parametrize("text", [
    "a | b", "a|b||", "line one\nline two\r\n\tthree", "<build>/latex and <script>x</script>", "$x$ and $$y$$",
    "*not emphasis* _nor this_ **nor** __this__", "snake_case_name a*b", "[a link](https://example.org) and [ref]",
    "`code` and ``more``", "back\\slash \\| \\", "{schedule} and {cite}`key`", "&amp; &lt; &#42;", "plain words",
])
def test_a_cell_shows_its_text_as_written(text: str) -> None:
    value = ConfigValue("name_with|pipe", text, "", (str,), text)
    [row] = cells(schema.config_table([value]))[1:]
    shown = " ".join(text.split())
    assert row[0] == "`name_with|pipe`"
    assert row[3] == shown
    # The default is code: read back as written, whatever backticks or pipes it holds.
    assert row[1] == f"`{' '.join(repr(text).split())}`"


@pytest.mark.parametrize("text", ["`", "``", "a`b", "`start", "end`", "a ``` b", "x|`|y"])
def test_code_keeps_every_backtick_and_pipe(text: str) -> None:
    [[cell]] = cells(f"| h |\n|---|\n| {schema.markdown_code(text)} |\n")[1:]
    assert cell == f"`{text}`"


def test_the_table_is_one_line_a_row() -> None:
    table = schema.config_table([ConfigValue("x", "a\nb", "env", (str,), "one\ntwo\n\nthree")])
    assert table == "| Name | Default | Rebuild | Meaning |\n|---|---|---|---|\n| `x` | `'a\\nb'` | `env` | one two three |\n"


@pytest.mark.parametrize(("page", "names"), [
    ("docs/front-matter.md", ["session-fields.markdown", "term-fields.markdown"]),
    ("docs/configuration.md", ["config-values.markdown"]),
    ("docs/contributing.md", ["session-fields.markdown"]),
])
def test_the_docs_include_the_references_and_link_them_for_github(page: str, names: list[str]) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    for name in names:
        # The first line, the comment that says what wrote the file, is not shown on the site.
        assert f"```{{include}} reference/{name}\n:start-line: 1\n```" in text, (page, name)
        assert f"](reference/{name})" in text, (page, name)


def test_every_reference_is_included_by_a_page() -> None:
    pages = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md"))
    assert sorted(p.name for p in (ROOT / schema.REFERENCE_DIR).iterdir()) == sorted(schema.REFERENCES)
    for name in schema.REFERENCES:
        assert f"{{include}} reference/{name}" in pages, name


# -- seminar schemas writes them, and overwrites only what it wrote ----------------------------------------


def _schemas(root: Path, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    from sphinx_seminar.cli.main import main

    code = main(["--root", str(root), "schemas"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_rewrites_a_reference_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    stale = tmp_path / schema.REFERENCE_DIR / "term-fields.markdown"
    stale.parent.mkdir(parents=True)
    stale.write_text(schema.WRITTEN_BY + "an older model; do not edit. -->\n\n| Field |\n|---|\n| `gone` |\n" * 3, encoding="utf-8")
    code, out, err = _schemas(tmp_path, capsys)
    assert (code, err) == (0, "")
    assert "wrote docs/reference/term-fields.markdown" in out.splitlines()
    assert stale.read_text(encoding="utf-8") == schema.reference("term-fields.markdown")


def test_the_command_keeps_a_file_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    folder = tmp_path / schema.REFERENCE_DIR
    folder.mkdir(parents=True)
    own = folder / "session-fields.markdown"
    own.write_text("# Our own notes on the fields\n" + schema.WRITTEN_BY + "\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text(schema.reference("config-values.markdown").replace("seminar_today", "kept"), encoding="utf-8")
    (folder / "config-values.markdown").symlink_to(outside)
    code, out, err = _schemas(tmp_path, capsys)
    assert code == 1
    assert own.read_text(encoding="utf-8") == "# Our own notes on the fields\n" + schema.WRITTEN_BY + "\n"
    assert "kept" in outside.read_text(encoding="utf-8")  # nothing written through the link
    assert err.splitlines() == [
        "kept docs/reference/session-fields.markdown: not written, as it does not start with "
        "\"<!-- Written by 'seminar schemas' from\": this command did not write it",
        "kept docs/reference/config-values.markdown: not written, as it is a symbolic link",
    ]
    assert "wrote docs/reference/term-fields.markdown" in out.splitlines()


def test_the_command_does_not_write_through_a_linked_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / schema.REFERENCE_DIR).symlink_to(outside)
    code, _, err = _schemas(tmp_path, capsys)
    assert code == 1 and list(outside.iterdir()) == []
    assert len(err.splitlines()) == 3 and all("is a symbolic link, which may lead out of" in line for line in err.splitlines())
