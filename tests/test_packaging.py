"""The wheel is complete: it holds every module and every data file kg reads, and
an unpacked wheel finds them in itself, outside the checkout.

The wheel is built here from a copy of the package's sources with setuptools'
own build backend (no install, no network: a few seconds). The slow check, a
fresh venv with the wheel and its dependencies running ``kg run`` and
``kg query``, is ``scripts/check_wheel.sh`` (``make check-wheel``, run by CI).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# What a wheel is built from (the rest of the repository is not part of it).
SOURCES = ["pyproject.toml", "README.md", "kg", "ontology", "pipelines"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))",
         str(dist)], cwd=src, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"building the wheel failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return dist / proc.stdout.strip().splitlines()[-1]


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return {n for n in zf.namelist() if not n.endswith("/")}


def _expected() -> set[str]:
    """Every file kg reads at run time, by where it lies in the checkout, under its name in the wheel."""
    def rel(paths, root: Path, prefix: str) -> set[str]:
        return {prefix + p.relative_to(root).as_posix() for p in paths}

    kg, onto, pipes = REPO_ROOT / "kg", REPO_ROOT / "ontology", REPO_ROOT / "pipelines"
    return (
        rel(kg.rglob("*.py"), kg, "kg/")
        | rel((p for p in (kg / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts), kg, "kg/")
        | rel((kg / "lang" / "ar" / "data").glob("*.yaml"), kg, "kg/")
        | rel(onto.glob("*.ttl"), onto, "kg/ontology/")
        | rel((onto / "queries").glob("*.rq"), onto, "kg/ontology/")
        | rel([pipes / "default.toml"], pipes, "kg/pipelines/")
        | rel((pipes / "rules").glob("*.yaml"), pipes, "kg/pipelines/")
        | rel((p for p in (pipes / "examples").iterdir() if p.is_file()), pipes, "kg/pipelines/")
    )


def test_wheel_holds_every_module_and_data_file(wheel: Path) -> None:
    names = _names(wheel)
    # Named by hand, so that an empty glob above cannot make this pass.
    for must in ["kg/ontology/kg.ttl", "kg/ontology/actors.ttl", "kg/ontology/shapes.ttl",
                 "kg/ontology/queries/agreements.rq", "kg/pipelines/default.toml",
                 "kg/pipelines/rules/events.yaml", "kg/pipelines/rules/quantities.yaml",
                 "kg/pipelines/examples/example.txt", "kg/pipelines/examples/example.meta.json",
                 "kg/data/viewer/viewer.js", "kg/data/viewer/template.html", "kg/data/dates.yaml",
                 "kg/lang/ar/data/lexicon.yaml", "kg/query/sparql.py", "kg/cli.py"]:
        assert must in names, f"{must} is not in {wheel.name}"
    missing = sorted(_expected() - names)
    assert not missing, f"{wheel.name} lacks {missing} (pyproject.toml: [tool.setuptools] packages / package-data)"


def test_wheel_holds_no_build_inputs(wheel: Path) -> None:
    names = _names(wheel)
    assert "kg/pipelines/actors.yaml" not in names  # the gazetteer's source: ontology/actors.ttl is built from it
    assert not [n for n in names if n.startswith(("tests/", "ontology/", "pipelines/", "outputs/"))]
    assert not [n for n in names if "__pycache__" in n]


_PROBE = textwrap.dedent("""
    import contextlib, io, json, sys
    from pathlib import Path
    import kg, kg.paths
    from kg.cli import main
    from kg.config import load_config
    from kg.extract.ruleset import RuleSet
    from kg.gazetteer import Gazetteer
    from kg.validate import SHAPES
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["query", "--list"])
    cfg = load_config()
    rules = RuleSet.load()
    print(json.dumps({
        "kg": kg.__file__, "packaged": kg.paths.PACKAGED, "ontology": str(kg.paths.ONTOLOGY_DIR),
        "config": str(kg.paths.DEFAULT_CONFIG), "shapes": str(SHAPES),
        "output_dir": str(cfg.output_dir), "inputs": [str(p) for p in cfg.input_paths()],
        "rules_dir": str(cfg.rules_dir), "events": len(rules.events),
        "gazetteer": len(Gazetteer.load()), "iraq": str(getattr(Gazetteer.load().lookup("العراق"), "iri", None)),
        "list_rc": rc, "queries": [line.split()[0] for line in out.getvalue().splitlines() if line.strip()],
    }))
""")


def test_unpacked_wheel_finds_its_data_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site, cwd = tmp_path / "site", tmp_path / "elsewhere"
    cwd.mkdir()
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONPATH"] = str(site)
    proc = subprocess.run([sys.executable, "-c", _PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    package = site / "kg"
    assert Path(got["kg"]).parent == package  # not the checkout's kg
    assert got["packaged"] is True
    for key in ("ontology", "config", "shapes", "rules_dir"):
        assert Path(got[key]).is_relative_to(package), (key, got[key])
    assert Path(got["shapes"]).is_file()
    # Installed defaults: output into ./outputs of the current directory, input the shipped example.
    assert got["output_dir"] == "outputs"
    assert got["inputs"] == [str(package / "pipelines" / "examples")]
    assert got["events"] > 0
    assert got["gazetteer"] > 100 and got["iraq"].endswith("/actor/iraq"), (got["gazetteer"], got["iraq"])
    assert got["list_rc"] == 0
    assert sorted(got["queries"]) == sorted(p.stem for p in (REPO_ROOT / "ontology" / "queries").glob("*.rq"))
