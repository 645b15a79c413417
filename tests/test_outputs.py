"""The outputs stage: file modes, one set per run, kills at any point, one writer at a time."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg.cache import ParseCache, write_atomic
from kg.document import Article, from_conllu
from kg.errors import OutputError
from kg.outputs import JOURNAL, STAGING_PREFIX, OutputSet

ROOT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _old_set(out: Path) -> None:
    """What an earlier run left, plus files that are not kg's."""
    (out / "articles").mkdir(parents=True)
    (out / "articles" / "gone.ttl").write_text("# old article\n", encoding="utf-8")
    (out / "graph.trig").write_text("# old trig\n", encoding="utf-8")
    (out / "graph.html").write_text("<!-- old viewer -->\n", encoding="utf-8")
    (out / "failures.json").write_text('[{"source": "/home/x/old.txt"}]\n', encoding="utf-8")
    (out / ".gitkeep").write_text("", encoding="utf-8")
    (out / "notes.md").write_text("the user's own file\n", encoding="utf-8")


def _stage_new(staged: OutputSet) -> None:
    write_atomic(staged.path("graph.trig"), "# new trig\n")
    write_atomic(staged.path("articles/a.ttl"), "# new article a\n")
    write_atomic(staged.path("failures.json"), "[]\n")


def _assert_new_set(out: Path) -> None:
    assert (out / "graph.trig").read_text(encoding="utf-8") == "# new trig\n"
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["a.ttl"]
    assert (out / "failures.json").read_text(encoding="utf-8") == "[]\n"
    assert not (out / "graph.html").exists()  # the old run's viewer would not match the new graph
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"] == [
        "articles", "failures.json", "graph.trig", "manifest.json"]
    assert (out / ".gitkeep").exists() and (out / "notes.md").read_text(encoding="utf-8") == "the user's own file\n"
    assert not list(out.glob(STAGING_PREFIX + "*")) and not (out / JOURNAL).exists()


def _assert_old_set(out: Path) -> None:
    assert (out / "graph.trig").read_text(encoding="utf-8") == "# old trig\n"
    assert (out / "graph.html").exists() and (out / "articles" / "gone.ttl").exists()
    assert not (out / "manifest.json").exists()
    assert (out / "failures.json").read_text(encoding="utf-8") == '[{"source": "/home/x/old.txt"}]\n'


# --- file modes -----------------------------------------------------------------------------

def test_write_atomic_gives_the_mode_of_a_plain_open(tmp_path, umask_022):
    write_atomic(tmp_path / "a.ttl", "x")
    assert _mode(tmp_path / "a.ttl") == 0o644
    os.umask(0o027)
    write_atomic(tmp_path / "b.ttl", "x")
    assert _mode(tmp_path / "b.ttl") == 0o640


def test_cached_parses_and_the_viewer_are_readable_by_others(tmp_path, umask_022):
    from rdflib import Graph

    from kg.viewer import EXAMPLE_TTL, write_viewer

    conllu = "# text = قال\n# sent_id = 1\n1\tقال\tقال\tVERB\t_\t_\t0\troot\t_\tstart_char=0|end_char=3\n\n"
    doc = from_conllu(conllu, Article("a", "قال"))
    cache = ParseCache(tmp_path / "cache", "fp")
    cache.put(doc)
    assert _mode(cache.path(doc.article)) == 0o644
    page = write_viewer(Graph().parse(data=EXAMPLE_TTL, format="turtle"), tmp_path / "graph.html")
    assert _mode(page) == 0o644


# --- one set per run ------------------------------------------------------------------------

def test_a_commit_replaces_the_old_set_whole_and_keeps_files_that_are_not_kgs(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    with OutputSet(out) as staged:
        _stage_new(staged)
        final = staged.commit()
    assert [p.name for p in final] == ["articles", "failures.json", "graph.trig", "manifest.json"]
    _assert_new_set(out)


def test_an_error_before_the_commit_keeps_the_old_set_and_leaves_no_staging(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    with pytest.raises(RuntimeError):
        with OutputSet(out) as staged:
            _stage_new(staged)
            raise RuntimeError("the rule layer fell over")
    _assert_old_set(out)
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_a_second_writer_to_the_same_directory_is_refused(tmp_path):
    out = tmp_path / "out"
    with OutputSet(out):
        with pytest.raises(OutputError) as err:
            with OutputSet(out):
                pass
    assert err.value.code == "E401" and "another kg run" in str(err.value)
    with OutputSet(out) as staged:  # free again once the first one is done
        staged.commit()


def test_an_unwritable_output_path_is_a_coded_error(tmp_path):
    (tmp_path / "file").write_text("not a directory", encoding="utf-8")
    with pytest.raises(OutputError) as err:
        with OutputSet(tmp_path / "file" / "out"):
            pass
    assert err.value.code == "E402" and "-o" in str(err.value)


# --- kills ----------------------------------------------------------------------------------

def _killed_run(out: Path, *, kill_after_replaces: int | None) -> None:
    """Stage a new set in a child process and die with os._exit, as under kill -9:
    while staging (``None``) or after that many ``os.replace`` calls of the commit."""
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from kg.cache import write_atomic
        from kg import outputs
        out = Path({str(out)!r})
        with outputs.OutputSet(out) as staged:
            write_atomic(staged.path("graph.trig"), "# new trig\\n")
            write_atomic(staged.path("articles/a.ttl"), "# new article a\\n")
            write_atomic(staged.path("failures.json"), "[]\\n")
            limit = {kill_after_replaces!r}
            if limit is None:
                os._exit(9)
            real, calls = os.replace, []
            def dying_replace(src, dst):
                if Path(dst).parent == out and Path(dst).name != ".kg-commit":
                    if len(calls) == limit:
                        os._exit(9)
                    calls.append(dst)
                real(src, dst)
            outputs.os.replace = dying_replace
            staged.commit()
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr


def test_a_kill_while_staging_leaves_the_old_set_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    _killed_run(out, kill_after_replaces=None)
    _assert_old_set(out)
    assert list(out.glob(STAGING_PREFIX + "*"))  # the killed run's half-written folder
    with OutputSet(out) as staged:
        _stage_new(staged)
        staged.commit()
    _assert_new_set(out)


@pytest.mark.parametrize("moved", [0, 1, 2])
def test_a_kill_during_the_commit_is_rolled_forward_by_the_next_run(tmp_path, moved):
    out = tmp_path / "out"
    _old_set(out)
    _killed_run(out, kill_after_replaces=moved)
    assert (out / JOURNAL).exists()  # died half-way: the journal says what is left to do
    with OutputSet(out):  # the next run recovers first, then fails before committing its own set
        pass
    _assert_new_set(out)


def test_temporary_files_of_killed_writers_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.html.abc123.tmp").write_text("x" * 1000, encoding="utf-8")
    (out / "store.tmp").mkdir()
    (out / ".my-own.tmp").write_text("kept: not a name kg writes", encoding="utf-8")
    with OutputSet(out) as staged:
        staged.commit()
    assert sorted(p.name for p in out.iterdir()) == [".kg-lock", ".my-own.tmp", "manifest.json"]


def test_a_run_that_processes_no_article_writes_nothing(tmp_path):
    from kg.config import load_config
    from kg.pipeline import RunOptions, run

    out = tmp_path / "out"
    _old_set(out)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    summary = run([tmp_path / "empty.txt"], out, load_config(), RunOptions(progress=False))
    assert summary.articles == 0 and [f.code for f in summary.failures] == ["E102"]
    _assert_old_set(out)


def _mixed(out: Path) -> bool:
    """Killed after the first move of the commit: the new graph.trig, no articles folder yet, the
    old failures.json."""
    return ((out / "graph.trig").read_text(encoding="utf-8") == "# new trig\n" and not (out / "articles").exists()
            and "old.txt" in (out / "failures.json").read_text(encoding="utf-8"))


def test_a_reader_finishes_a_commit_a_kill_left_half_done(tmp_path):
    from kg.query import open_store

    out = tmp_path / "out"
    _old_set(out)
    _killed_run(out, kill_after_replaces=1)
    assert (out / JOURNAL).exists() and _mixed(out)
    open_store(out)  # what kg query and kg serve do first
    _assert_new_set(out)


def test_a_reader_leaves_a_commit_alone_while_its_run_holds_the_lock(tmp_path):
    from kg.outputs import settle

    out = tmp_path / "out"
    _old_set(out)
    _killed_run(out, kill_after_replaces=1)
    from kg.outputs import _take_lock

    fd = _take_lock(out)  # as a run that is still committing holds it
    try:
        settle(out)
        assert (out / JOURNAL).exists() and _mixed(out)  # untouched: not the reader's to do
    finally:
        os.close(fd)
    settle(out)
    _assert_new_set(out)
