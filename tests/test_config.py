"""kg.config: defaults, paths relative to the config file, coded errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import DEFAULT_CONFIG, EXAMPLE_INPUT, Config, load_config
from kg.errors import ConfigError


def _toml(tmp_path: Path, text: str, name: str = "pipe.toml") -> Path:
    path = tmp_path / "conf" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_default_file(repo_root: Path) -> None:
    assert DEFAULT_CONFIG == repo_root / "pipelines" / "default.toml"
    cfg = load_config()
    assert cfg.default_input == (repo_root.parent / "shared" / "seeds").resolve()
    assert cfg.models is None  # empty string: the model search order applies
    assert cfg.cache_dir is None
    assert cfg.batch_size == 16
    assert cfg.rules_dir == repo_root / "pipelines" / "rules"
    assert cfg.output_dir == repo_root / "outputs"
    assert cfg.serve == {"host": "127.0.0.1", "port": 8000, "timeout_s": 10.0, "result_limit": 10000}


def test_config_empty_file_gives_code_defaults(tmp_path: Path) -> None:
    assert load_config(_toml(tmp_path, "")) == Config()


def test_config_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    path = _toml(tmp_path, """
[input]
default = "articles"
[nlp]
models = "../models"
batch_size = 4
[cache]
dir = "cache/parses"
[rules]
dir = "my_rules"
[output]
dir = "../out"
[serve]
port = 9000
""")
    base = path.parent.resolve()
    cfg = load_config(path)
    assert cfg.default_input == base / "articles"
    assert cfg.models == base.parent / "models"
    assert cfg.cache_dir == base / "cache" / "parses"
    assert cfg.rules_dir == base / "my_rules"
    assert cfg.output_dir == base.parent / "out"
    assert cfg.batch_size == 4
    assert cfg.serve["port"] == 9000 and cfg.serve["host"] == "127.0.0.1"  # the others keep defaults


def test_config_does_not_depend_on_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _toml(tmp_path, '[rules]\ndir = "r"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_config(path).rules_dir == path.parent.resolve() / "r"


def test_config_serve_defaults_not_shared_between_configs(tmp_path: Path) -> None:
    load_config(_toml(tmp_path, "[serve]\nport = 1234\n"))
    assert Config().serve["port"] == 8000


def test_config_input_paths_falls_back_to_example(tmp_path: Path) -> None:
    cfg = load_config(_toml(tmp_path, '[input]\ndefault = "not-there"\n'))
    assert cfg.input_paths() == [EXAMPLE_INPUT]
    (tmp_path / "conf" / "not-there").mkdir()
    assert cfg.input_paths() == [tmp_path.resolve() / "conf" / "not-there"]


@pytest.mark.parametrize("text, code, words", [
    ("[inptu]\ndefault = 'x'\n", "E003", ["[inptu]", "input"]),
    ("[nlp]\nbatchsize = 8\n", "E003", ["batchsize", "[nlp]", "batch_size"]),
    ("[rules]\ndir = 'r'\nextra = 1\nmore = 2\n", "E003", ["extra", "more"]),
    ("[nlp\nmodels = ''\n", "E002", ["invalid TOML"]),
    ("[nlp]\nbatch_size = \n", "E002", ["invalid TOML"]),
    ("[nlp]\nbatch_size = '8'\n", "E004", ["batch_size", "int"]),
    ("[nlp]\nbatch_size = 0\n", "E004", ["batch_size", "at least 1"]),
    ("[nlp]\nbatch_size = true\n", "E004", ["batch_size"]),
    ("[rules]\ndir = 5\n", "E004", ["dir", "str"]),
    ("[serve]\nport = '80'\n", "E004", ["port"]),
    ("input = 'x'\n", "E004", ["input", "table"]),
])
def test_config_errors_are_coded(tmp_path: Path, text: str, code: str, words: list[str]) -> None:
    path = _toml(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert err.code == code
    assert str(path) in str(err)  # names the file
    assert err.fix
    for word in words:
        assert word in str(err)


def test_config_timeout_accepts_int_and_float(tmp_path: Path) -> None:
    assert load_config(_toml(tmp_path, "[serve]\ntimeout_s = 3\n")).serve["timeout_s"] == 3
    assert load_config(_toml(tmp_path, "[serve]\ntimeout_s = 2.5\n")).serve["timeout_s"] == 2.5


@pytest.mark.parametrize("make", [
    pytest.param(lambda tmp: tmp / "missing.toml", id="missing"),
    pytest.param(lambda tmp: tmp, id="a-directory"),
])
def test_config_unreadable_file_is_e001(tmp_path: Path, make) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(make(tmp_path))
    assert info.value.code == "E001"


def test_config_not_utf8_is_e002(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes('[rules]\ndir = "قواعد"\n'.encode("cp1256"))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.code == "E002"
