"""Pipeline configuration: one TOML file per pipeline in ``pipelines/``.

Defaults live here; paths in the file are relative to the file itself. The
defaults that depend on where kg runs from (a checkout or an installed
package: the output directory, the default input, the rules) come from
:mod:`kg.paths`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .paths import DEFAULT_CONFIG, DEFAULT_INPUT, EXAMPLE_INPUT, OUTPUTS_DIR, RULES_DIR
from .pieces import MAX_SENTENCE_CHARS, MAX_SENTENCE_WORDS

__all__ = ["DEFAULT_CONFIG", "EXAMPLE_INPUT", "Config", "load_config"]


@dataclass
class Config:
    default_input: Path = DEFAULT_INPUT
    models: Path | None = None
    batch_size: int = 16
    max_sentence_words: int = MAX_SENTENCE_WORDS
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    cache_dir: Path | None = None
    rules_dir: Path = RULES_DIR
    output_dir: Path = OUTPUTS_DIR
    serve: dict = field(default_factory=lambda: {"host": "127.0.0.1", "port": 8000,
                                                 "timeout_s": 10.0, "result_limit": 10000})

    def input_paths(self) -> list[Path]:
        """The default input: the configured one when it exists, else the shipped example."""
        return [self.default_input] if self.default_input.exists() else [EXAMPLE_INPUT]


_KNOWN = {"input": {"default"}, "nlp": {"models", "batch_size", "max_sentence_words", "max_sentence_chars"},
          "cache": {"dir"}, "rules": {"dir"}, "output": {"dir"}, "serve": {"host", "port", "timeout_s", "result_limit"}}
# The type each key must have; a wrong one is a coded error, not a traceback later.
_TYPES: dict[tuple[str, str], tuple[type, ...]] = {
    ("input", "default"): (str,), ("nlp", "models"): (str,), ("nlp", "batch_size"): (int,),
    ("nlp", "max_sentence_words"): (int,), ("nlp", "max_sentence_chars"): (int,),
    ("cache", "dir"): (str,), ("rules", "dir"): (str,), ("output", "dir"): (str,),
    ("serve", "host"): (str,), ("serve", "port"): (int,), ("serve", "timeout_s"): (int, float),
    ("serve", "result_limit"): (int,),
}


def load_config(path: Path | None = None) -> Config:
    """Read a pipeline TOML file (``pipelines/default.toml`` by default).

    >>> load_config().rules_dir.name
    'rules'
    """
    path = Path(path) if path else DEFAULT_CONFIG
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("E001", f"config file {path} not found", fix="pass an existing --config file") from None
    except OSError as exc:  # a directory, no permission...
        raise ConfigError("E001", f"cannot read config file {path} ({exc.strerror})",
                          fix="pass a readable TOML file to --config") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("E002", f"{path}: invalid TOML ({exc})", fix="fix the syntax") from None
    for section, keys in data.items():
        if section not in _KNOWN:
            raise ConfigError("E003", f"{path}: unknown section [{section}]",
                              fix=f"use one of {', '.join(sorted(_KNOWN))}")
        if not isinstance(keys, dict):
            raise ConfigError("E004", f"{path}: {section} must be a table, not a {type(keys).__name__}",
                              fix=f"write [{section}] on a line of its own, then its keys")
        unknown = set(keys) - _KNOWN[section]
        if unknown:
            raise ConfigError("E003", f"{path}: unknown key(s) {', '.join(sorted(unknown))} in [{section}]",
                              fix=f"use {', '.join(sorted(_KNOWN[section]))}")
        for key, value in sorted(keys.items()):
            types = _TYPES[(section, key)]
            if isinstance(value, bool) or not isinstance(value, types):
                raise ConfigError("E004", f"{path}: [{section}] {key} = {value!r} must be of type "
                                  f"{' or '.join(t.__name__ for t in types)}",
                                  fix="change the value's type (quote paths and host names)")
    base = path.parent

    def rel(value: str | None) -> Path | None:
        return (base / value).resolve() if value else None

    cfg = Config()
    cfg.default_input = rel(data.get("input", {}).get("default")) or cfg.default_input
    cfg.models = rel(data.get("nlp", {}).get("models"))
    cfg.batch_size = int(data.get("nlp", {}).get("batch_size", cfg.batch_size))
    if cfg.batch_size < 1:
        raise ConfigError("E004", f"{path}: [nlp] batch_size = {cfg.batch_size} must be at least 1",
                          fix="use a positive number of articles per batch, e.g. 16")
    for key, unit in (("max_sentence_words", "words"), ("max_sentence_chars", "characters")):
        value = int(data.get("nlp", {}).get(key, getattr(cfg, key)))
        if value < 1:
            raise ConfigError("E004", f"{path}: [nlp] {key} = {value} must be at least 1",
                              fix=f"use a positive number of {unit} per sentence, e.g. {getattr(cfg, key)}")
        setattr(cfg, key, value)
    cfg.cache_dir = rel(data.get("cache", {}).get("dir"))
    cfg.rules_dir = rel(data.get("rules", {}).get("dir")) or cfg.rules_dir
    cfg.output_dir = rel(data.get("output", {}).get("dir")) or cfg.output_dir
    cfg.serve.update(data.get("serve", {}))
    return cfg
