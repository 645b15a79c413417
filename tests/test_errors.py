"""Error codes come from one table (kg.errors.CODES): every code used in kg/ is
in it, every entry is used, and each code stands for one failure."""
from __future__ import annotations

import re
from pathlib import Path

from kg.errors import CODES, KGError, RuleError, describe

KG = Path(__file__).resolve().parents[1] / "kg"
CODE = re.compile(r"\bE[0-9]{3}\b")


def _used() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in KG.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            used.setdefault(code, set()).add(str(path.relative_to(KG)))
    return used


def test_errors_every_code_used_is_in_the_table():
    missing = sorted(set(_used()) - set(CODES))
    assert not missing, f"add these to kg/errors.py CODES: {missing}"


def test_errors_every_code_in_the_table_is_used():
    assert not sorted(set(CODES) - set(_used()))


def test_errors_codes_are_unique_in_meaning():
    meanings = list(CODES.values())
    assert len(meanings) == len(set(meanings))


def test_errors_message_format():
    err = RuleError("E313", "events.yaml: invalid YAML", fix="fix the syntax")
    assert str(err) == "[E313] rules: events.yaml: invalid YAML. Fix: fix the syntax"
    assert isinstance(err, KGError) and describe(err.code) == "a rule file is not valid YAML"
