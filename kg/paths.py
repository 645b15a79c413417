"""Where kg finds its data: the one module that knows the layout on disk.

Two kinds of data:

- **package data** ships inside the ``kg`` package (``kg/data/``,
  ``kg/lang/ar/data/``) and is read with :mod:`importlib.resources`, so an
  installed wheel finds it wherever it lives;
- **project data** sits beside the package in a source checkout: the ontology
  (``ontology/``), the pipeline configs and rule files (``pipelines/``). A
  config file can point elsewhere (``[rules] dir``).

``../shared`` (or ``$KG_SHARED``) holds test and benchmark data, never needed
to run the pipeline.

>>> (ONTOLOGY_DIR / "kg.ttl").is_file()
True
>>> package_file("kg.lang.ar", "letters.yaml").name
'letters.yaml'
"""
from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR: Path = PROJECT_ROOT / "ontology"
QUERIES_DIR: Path = ONTOLOGY_DIR / "queries"
PIPELINES_DIR: Path = PROJECT_ROOT / "pipelines"
RULES_DIR: Path = PIPELINES_DIR / "rules"
DEFAULT_CONFIG: Path = PIPELINES_DIR / "default.toml"
EXAMPLE_INPUT: Path = PIPELINES_DIR / "examples"
OUTPUTS_DIR: Path = PROJECT_ROOT / "outputs"


def package_file(package: str, name: str) -> Traversable:
    """A data file shipped with a package: ``<package>/data/<name>``."""
    return resources.files(package) / "data" / name


def shared_dir() -> Path:
    """``$KG_SHARED``, else ``../shared`` beside the project (may not exist)."""
    return Path(os.environ.get("KG_SHARED", PROJECT_ROOT.parent / "shared"))


def read_yaml(path: Path | str, *, code: str, what: str, fix: str, error: type | None = None) -> object:
    """Parse a YAML data file; an unreadable file or bad YAML is one coded error (``code``),
    of class ``error`` (default :class:`~kg.errors.RuleError`), naming ``what`` the file holds."""
    import yaml

    from .errors import RuleError

    error = error or RuleError
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(code, f"{path}: cannot read the {what} ({exc.strerror})", fix=fix) from exc
    except yaml.YAMLError as exc:
        raise error(code, f"{path.name}: invalid YAML: {exc}", fix="fix the YAML syntax at the line shown") from exc
