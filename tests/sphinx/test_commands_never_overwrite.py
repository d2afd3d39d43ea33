"""``seminar init``, ``seminar term new`` and ``seminar new`` write only new files, only inside their folder."""

from __future__ import annotations

from pathlib import Path

from sitebuild import copy_site, seminar


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and link below ``folder``: a file's bytes, a link's target."""
    return {str(p.relative_to(folder)): (f"-> {p.readlink()}" if p.is_symlink() else p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_symlink() or p.is_file()}


def test_init_into_a_folder_with_files_writes_only_the_missing_ones_and_lists_the_rest(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "github").mkdir(parents=True)
    (outside / "Makefile").write_text("the outside Makefile\n", encoding="utf-8")
    target = tmp_path / "site"
    (target / ".github/workflows").mkdir(parents=True)
    (target / ".github/workflows/build.yml").write_text("name: our own workflow\n", encoding="utf-8")
    (target / "index.md").write_text("# Our own landing page\n", encoding="utf-8")
    (target / "Makefile").symlink_to(outside / "Makefile")
    (target / "sessions").symlink_to(outside / "github")  # a folder on the way that leads out
    before_outside = snapshot(outside)
    before_target = snapshot(target)

    run = seminar(tmp_path, "init", str(target), "--first-day", "2031-01-05", "--last-day", "2031-06-30")
    assert run.returncode == 0, run.stderr
    assert snapshot(outside) == before_outside  # nothing written through the links
    after = snapshot(target)
    assert {name: after[name] for name in before_target} == before_target  # nothing overwritten
    for name, reason in (("index.md", "it exists already"), (".github/workflows/build.yml", "it exists already"),
                         ("Makefile", "it is a symbolic link")):
        assert f"kept {target / name}: not written, as {reason}" in run.stdout, run.stdout
    assert f"index.md: not written, as {target / 'sessions'} is a symbolic link, which may lead out of {target}" in run.stdout, run.stdout
    assert f"wrote {target / 'conf.py'}" in run.stdout and (target / "conf.py").is_file()
    assert "file(s) of the new site were already there" in run.stdout


def test_init_into_an_empty_or_new_folder_writes_everything(tmp_path: Path) -> None:
    run = seminar(tmp_path, "init", str(tmp_path / "new"))
    assert run.returncode == 0, run.stderr
    assert "kept" not in run.stdout
    assert (tmp_path / "new/conf.py").is_file() and (tmp_path / "new/.github/workflows/build.yml").is_file()


def test_term_new_takes_one_folder_name_for_its_id(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    before = snapshot(tmp_path)
    for bad in ("../../x", "/tmp/elsewhere", "a/b", "..", ".hidden", "", "x\ny"):
        run = seminar(site, "term", "new", "--first-day", "2032-01-05", "--last-day", "2032-06-30", "--id", bad)
        assert run.returncode == 2, (bad, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr
        assert f"argument --id: '{bad}' is not one folder name" in run.stderr, run.stderr
    assert snapshot(tmp_path) == before
    run = seminar(site, "term", "new", "--first-day", "2032-01-05", "--last-day", "2032-06-30", "--id", "2032-spring")
    assert run.returncode == 0, run.stderr
    assert (site / "sessions/2032-spring/index.md").is_file()


def test_term_new_and_new_do_not_write_through_a_link(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / "sessions/2032-spring").symlink_to(outside)
    run = seminar(site, "term", "new", "--first-day", "2032-01-05", "--last-day", "2032-06-30", "--id", "2032-spring")
    assert run.returncode == 1 and "is a symbolic link" in run.stderr, run.stderr
    assert list(outside.iterdir()) == []
    (outside / "victim.md").write_text("kept\n", encoding="utf-8")
    (site / "sessions/2030-31/2030-12-09-gamma.md").symlink_to(outside / "victim.md")
    run = seminar(site, "new", "--date", "2030-12-09", "--speaker", "Emmy Noether", "--title", "Gamma")
    assert run.returncode == 1 and "is not written: it is a symbolic link" in run.stderr, run.stderr
    assert (outside / "victim.md").read_text(encoding="utf-8") == "kept\n"
