"""Where kg finds its data: the one module that knows the layout on disk.

Two kinds of data:

- **package data** ships inside the ``kg`` package (``kg/data/``,
  ``kg/lang/ar/data/``) and is read with :mod:`importlib.resources`, so an
  installed wheel finds it wherever it lives;
- **project data**: the ontology (``ontology/``: ``kg.ttl``, ``actors.ttl``,
  ``shapes.ttl``, ``queries/*.rq``) and the pipeline config, rule files and
  example (``pipelines/``). In a source checkout (and an editable install) they
  sit beside the package; a wheel ships them as ``kg/ontology/`` and
  ``kg/pipelines/`` (``package-dir`` in ``pyproject.toml``), found here with
  :mod:`importlib.resources`. :data:`PACKAGED` says which one is in use.

The defaults that depend on where kg runs from:

- output (:data:`OUTPUTS_DIR`): ``outputs/`` of the checkout; for an installed
  kg, ``outputs`` of the current directory;
- input when ``kg run`` gets none (:data:`DEFAULT_INPUT`): ``../shared/seeds``
  beside the checkout, or ``$KG_SHARED/seeds`` (the shipped example when it does not exist); for an
  installed kg, the shipped example.

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


def _project_dir(name: str) -> tuple[Path, bool]:
    """``kg/<name>`` of an installed package when it is there, else ``<checkout>/<name>``;
    and whether it came from the package."""
    packaged = resources.files("kg") / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged.resolve(), True
    return PROJECT_ROOT / name, False


ONTOLOGY_DIR, PACKAGED = _project_dir("ontology")
QUERIES_DIR: Path = ONTOLOGY_DIR / "queries"
PIPELINES_DIR: Path = _project_dir("pipelines")[0]
RULES_DIR: Path = PIPELINES_DIR / "rules"
DEFAULT_CONFIG: Path = PIPELINES_DIR / "default.toml"
EXAMPLE_INPUT: Path = PIPELINES_DIR / "examples"
# Installed, a relative path: ``outputs`` of whatever directory kg runs in.
OUTPUTS_DIR: Path = Path("outputs") if PACKAGED else PROJECT_ROOT / "outputs"


def package_file(package: str, name: str) -> Traversable:
    """A data file shipped with a package: ``<package>/data/<name>``."""
    return resources.files(package) / "data" / name


def shared_dir() -> Path:
    """``$KG_SHARED``, else ``../shared`` beside the project (may not exist)."""
    return Path(os.environ.get("KG_SHARED", PROJECT_ROOT.parent / "shared"))


# ``kg run`` without inputs: the seeds of the shared data beside a checkout.
DEFAULT_INPUT: Path = EXAMPLE_INPUT if PACKAGED else (shared_dir() / "seeds").resolve()


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
