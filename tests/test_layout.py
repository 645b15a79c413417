"""The project's shape, checked: no module over 500 lines, one module imports
stanza, Arabic words live in data files (at most 40 Arabic string literals in
Python outside docstrings), and every word list carries its examples."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from kg.lang.ar import lexicon, normalize_ar
from kg.paths import package_file

KG = Path(__file__).resolve().parents[1] / "kg"
ARABIC = re.compile("[\u0600-\u06ff]")


def _modules() -> list[Path]:
    return sorted(KG.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def arabic_literals(path: Path) -> list[tuple[int, str]]:
    """(line, value) of every string constant with Arabic in it that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
            and ARABIC.search(n.value)]


def test_layout_the_counter_sees_literals_but_not_docstrings(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text('"""وثيقة"""\nX = ("في", "from")\n\ndef f():\n    """شرح"""\n    return "من"\n',
                      encoding="utf-8")
    assert [v for _, v in arabic_literals(sample)] == ["في", "من"]


def test_layout_no_module_over_500_lines():
    long = {str(p.relative_to(KG)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert not long, f"split these modules by job: {long}"


def test_layout_only_the_nlp_module_imports_stanza():
    importers = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n == "stanza" or n.startswith("stanza.") for n in names):
                importers.add(str(path.relative_to(KG)))
    assert importers == {"nlp.py"}


def test_layout_arabic_words_live_in_data():
    found = {str(p.relative_to(KG)): arabic_literals(p) for p in _modules()}
    total = sum(len(v) for v in found.values())
    assert total <= 40, {k: v for k, v in found.items() if v}


def test_layout_every_lexicon_list_has_a_description_and_examples():
    data = yaml.safe_load(package_file("kg.lang.ar", "lexicon.yaml").read_text(encoding="utf-8"))
    for name, entry in data.items():
        assert entry["description"].strip() and entry["examples"], name
        words = lexicon.words(name)
        # Each example shows the construction: one of the list's words occurs in it.
        for ex in entry["examples"]:
            padded = " " + re.sub(r"[^\w\s]", " ", normalize_ar(ex)) + " "
            assert any(f" {w} " in " ".join(padded.split()).join("  ") if w.replace(" ", "").isalpha()
                       else w in ex for w in words), (name, ex)
