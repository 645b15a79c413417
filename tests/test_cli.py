"""The command line never shows the user a traceback: a bad argument, a bad path or
a bad file is one coded line on stderr and exit status 2; anything else is caught
last as E901. Every command runs in-process (``main([...])``); none loads Stanza."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.cli
from kg.cli import main
from kg.errors import CODES

GRAPH = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "empty").mkdir()
    (tmp_path / "outs").mkdir()
    (tmp_path / "outs" / "graph.trig").write_text(GRAPH, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "utf16.rq").write_bytes("ASK {}".encode("utf-16"))
    (tmp_path / "port.toml").write_text("[serve]\nport = 99999\n", encoding="utf-8")
    return tmp_path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return rc, out, err


@pytest.mark.parametrize("argv,code", [
    (["dates", "أمس", "--published", "yesterday"], "E606"),
    (["dates", "أمس", "--published", "2021-02-30"], "E606"),
    (["dates", "أمس", "--published", "20210605"], "E606"),   # fromisoformat would take it
    (["dates", "أمس", "--published", "2021-06-05T10:00"], "E606"),
    (["dates", "أمس", "--published", ""], "E606"),
    (["dates", "أمس", "--published", "0000-12-31"], "E606"),
    (["query", "{d}/outs"], "E518"),
    (["query", "{d}/outs", "{d}/utf16.rq"], "E610"),
    (["query", "{d}/missing", "ASK {{}}"], "E503"),
    (["query", "{d}/plain.txt", "ASK {{}}"], "E510"),
    (["query", "{d}/outs", "ASK {{}}", "--limit", "-1"], "E509"),
    (["eval", "--gold", "{d}/empty"], "E611"),
    (["eval", "--gold", "{d}/a.json", "{d}/b.json"], "E611"),
    (["eval", "--gold", "{d}/empty", "{d}/outs", "--min-recall", "2"], "E612"),
    (["eval", "--gold", "{d}/empty", "{d}/outs", "--min-recall", "nan"], "E612"),
    (["validate", "{d}/missing"], "E460"),
    (["validate", "{d}/empty"], "E460"),
    (["load", "{d}/empty"], "E503"),
    (["run", "{d}/empty", "-o", "{d}/plain.txt"], "E607"),
    (["run", "{d}/empty", "-o", "{d}/plain.txt/sub"], "E607"),
    (["run", "{d}/empty", "-o", "{d}/o", "--cache-dir", "{d}/plain.txt"], "E608"),
    (["serve", "{d}/outs", "--port", "99999"], "E609"),
    (["serve", "{d}/outs", "--port", "-1"], "E609"),
    (["--config", "{d}/port.toml", "serve", "{d}/outs"], "E609"),
    (["--config", "{d}/missing.toml", "cache", "path"], "E001"),
])
def test_cli_bad_invocation_is_one_coded_line(argv: list[str], code: str, files: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.format(d=files) for a in argv]
    rc, _, err = _run(argv, capsys)
    assert rc == 2
    assert f"[{code}]" in err, err
    assert code in CODES and "[E901]" not in err
    assert "Fix:" in err


def test_cli_dates_published_at_either_end_of_the_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(["dates", "أمس", "--published", "0001-01-01"], capsys)
    assert rc == 0
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["text"], row["value"], row["precision"]) == ("أمس", None, "day")
    rc, out, _ = _run(["dates", "غدا", "--published", "9999-12-30"], capsys)
    assert rc == 0 and json.loads(out)["value"] == "9999-12-31"


def test_cli_cache_clear_on_a_missing_directory_removes_nothing(files: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(["cache", "clear", "--cache-dir", str(files / "missing")], capsys)
    assert (rc, out.split()[:2]) == (0, ["removed", "0"])


def test_cli_a_bad_argument_type_is_argparse_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["query", "outputs", "ASK {}", "--limit", "abc"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid int value: 'abc'" in err and "Traceback" not in err


def _boom(args: object) -> int:
    raise RuntimeError("a bug")


def test_cli_an_internal_error_is_e901_without_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(kg.cli, "_dispatch", _boom)
    rc, out, err = _run(["cache", "path"], capsys)
    assert rc == 2 and out == ""
    assert err.strip() == ("error: [E901] internal error: RuntimeError('a bug'); please report this "
                           "(run with -vv for the traceback)")


def test_cli_an_internal_error_shows_its_traceback_with_vv(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(kg.cli, "_dispatch", _boom)
    assert main(["-vv", "cache", "path"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: a bug" in err and "[E901]" in err
