"""Gold files (``../shared/gold/FORMAT.md``): read one, and check that it
follows the format, saying exactly what is wrong (E701) when it does not.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..lang.ar import normalize_ar
from ..vocab import ROLES

KINDS = ("entity", "event", "force", "title", "relation")

_COMMON_KEYS = {"id", "kind", "question", "absent"}
_KIND_KEYS = {
    "entity": {"entity"},
    "title": {"entity", "title_ar"},
    "relation": {"subject", "predicate", "object"},
    "force": {"of", "count", "location"},
    "event": {"type", "roles", "force", "date", "polarity", "topic"},
}
_REQUIRED_KEYS = {
    "entity": ("entity",),
    "title": ("entity", "title_ar"),
    "relation": ("subject", "predicate", "object"),
    # FORMAT.md: a force fact is "a kg:MilitaryForce with kg:troopCount equal to
    # count, and, if given, kg:forceOf matching of and kg:location matching
    # location"; an absent force usually gives only the count.
    "force": ("count",),
    "event": ("type",),
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_POLARITIES = ("negative", "positive")


def load_gold(path: Path) -> dict:
    """Read and validate one gold JSON file; raise E701 saying what is wrong.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    ...     _ = f.write('{"article": "a1", "entities": {}, "facts": [')
    >>> try:
    ...     load_gold(Path(f.name))
    ... except EvalError as err:
    ...     print(err.code, "not valid JSON" in str(err))
    E701 True
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EvalError("E701", f"cannot read gold file {path}: {err}",
                        fix="check the path; gold files are UTF-8 JSON") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise EvalError("E701", f"{path}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
                        fix="fix the JSON syntax, e.g. a missing comma or bracket") from err
    return validate_gold(data, source=str(path))


def validate_gold(data: Any, *, source: str = "<gold>") -> dict:
    """Check a parsed gold document against FORMAT.md and return it unchanged.

    >>> validate_gold({"article": "a1", "entities": {}, "facts": []})["article"]
    'a1'
    >>> try:
    ...     validate_gold({"article": "a1", "entities": {}, "facts": [
    ...         {"id": "a1-1", "kind": "entity", "entity": "nowhere", "question": "?"}]})
    ... except EvalError as err:
    ...     print(err.code, "unknown entity key 'nowhere'" in str(err))
    E701 True
    """
    def fail(where: str, message: str, fix: str) -> EvalError:
        return EvalError("E701", f"{source}: {where}{message}", fix=fix)

    if not isinstance(data, dict):
        raise fail("", f"the top level must be a JSON object, not {type(data).__name__}",
                   "see ../shared/gold/FORMAT.md for the layout")
    for key in ("article", "entities", "facts"):
        if key not in data:
            raise fail("", f"missing key '{key}'", "add it; see ../shared/gold/FORMAT.md")
    if not isinstance(data["article"], str) or not data["article"]:
        raise fail("", "'article' must be a non-empty string (the article file name without .txt)",
                   "set it to the article id")
    entities = data["entities"]
    if not isinstance(entities, dict):
        raise fail("", "'entities' must be an object mapping keys to entities", "see FORMAT.md")
    for key, entity in entities.items():
        where = f"entity '{key}': "
        if not isinstance(entity, dict):
            raise fail(where, "must be an object", 'write {"type": …, "en": …, "ar": […]}')
        for field_name in ("type", "en", "ar"):
            if field_name not in entity:
                raise fail(where, f"missing key '{field_name}'", "every entity needs type, en and ar")
        if not isinstance(entity["type"], str) or not _LOCAL_NAME.match(_local(entity["type"])):
            raise fail(where, f"'type' must be a class name such as \"Country\", not {entity['type']!r}",
                       "use a class of the core vocabulary")
        if not isinstance(entity["en"], str):
            raise fail(where, "'en' must be a string", "give the English name")
        for list_key in ("ar", "en_alt"):
            value = entity.get(list_key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(where, f"'{list_key}' must be a list of strings", f'write "{list_key}": ["…"]')
    facts = data["facts"]
    if not isinstance(facts, list):
        raise fail("", "'facts' must be a list", "see FORMAT.md")
    seen: set[str] = set()
    for index, fact in enumerate(facts):
        if not isinstance(fact, dict):
            raise fail(f"facts[{index}]: ", "must be an object", "see FORMAT.md")
        fact_id = fact.get("id")
        if not isinstance(fact_id, str) or not fact_id:
            raise fail(f"facts[{index}]: ", "missing or empty 'id'", "give every fact a unique id")
        if fact_id in seen:
            raise fail(f"fact {fact_id}: ", "duplicate id", "give every fact a unique id")
        seen.add(fact_id)
        if not isinstance(fact.get("question"), str):
            raise fail(f"fact {fact_id}: ", "missing 'question'", "say in words what the fact asks")
        if not isinstance(fact.get("absent", False), bool):
            raise fail(f"fact {fact_id}: ", "'absent' must be true or false", "write \"absent\": true")
        _validate_fact(fact, entities, f"fact {fact_id}: ", fail, nested=False)
    return data


def _validate_fact(fact: dict, entities: dict, where: str,
                   fail: Callable[[str, str, str], EvalError], *, nested: bool) -> None:
    kind = fact.get("kind")
    if kind not in KINDS:
        raise fail(where, f"unknown kind {kind!r}", f"use one of {', '.join(KINDS)}")
    if nested and kind != "event":
        raise fail(where, f"a topic must be of kind 'event', not {kind!r}", "nest only events under 'topic'")
    allowed = _KIND_KEYS[kind] | ({"kind"} if nested else _COMMON_KEYS)
    # A misspelt key ("role") would otherwise silently make the fact weaker.
    unknown = sorted(set(fact) - allowed)
    if unknown:
        raise fail(where, f"unknown key '{unknown[0]}' for kind '{kind}'",
                   f"use only {', '.join(sorted(allowed))}")
    for key in _REQUIRED_KEYS[kind]:
        if key not in fact:
            raise fail(where, f"missing key '{key}' for kind '{kind}'", "see FORMAT.md")

    def entity_key(value: Any, at: str) -> None:
        if not isinstance(value, str) or value not in entities:
            known = ", ".join(sorted(entities)) or "none"
            raise fail(where, f"unknown entity key {value!r} in {at} (known: {known})",
                       'add it to "entities" or correct the key')

    def count(value: Any, at: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise fail(where, f"{at} must be a non-negative integer, not {value!r}", "write a number such as 500")

    for key in ("entity", "subject", "object", "of", "location"):
        if key in fact:
            entity_key(fact[key], key)
    if kind == "force":
        count(fact["count"], "count")
    if kind == "title" and (not isinstance(fact["title_ar"], str) or not normalize_ar(fact["title_ar"])):
        raise fail(where, "'title_ar' must be a non-empty string", "give the Arabic title")
    if kind == "relation" and (not isinstance(fact["predicate"], str)
                               or not _LOCAL_NAME.match(_local(fact["predicate"]))):
        raise fail(where, f"'predicate' must be a property name such as \"ledBy\", not {fact['predicate']!r}",
                   "use a kg: property name")
    if kind != "event":
        return
    if not isinstance(fact["type"], str) or not _LOCAL_NAME.match(_local(fact["type"])):
        raise fail(where, f"'type' must be a class name such as \"Agreement\", not {fact['type']!r}",
                   "use an event class of the core vocabulary")
    roles = fact.get("roles", {})
    if not isinstance(roles, dict):
        raise fail(where, "'roles' must be an object mapping roles to lists of entity keys", "see FORMAT.md")
    for role, keys in roles.items():
        if role not in ROLES:
            raise fail(where, f"unknown role {role!r}", f"use one of {', '.join(ROLES)}")
        if not isinstance(keys, list) or not keys:
            raise fail(where, f"roles.{role} must be a non-empty list of entity keys", f'write "{role}": ["…"]')
        for key in keys:
            entity_key(key, f"roles.{role}")
    if "force" in fact:
        force = fact["force"]
        if not isinstance(force, dict) or not force or set(force) - {"of", "count"}:
            raise fail(where, "'force' must be an object with 'of' and/or 'count'", 'write {"of": "usa", "count": 500}')
        if "of" in force:
            entity_key(force["of"], "force.of")
        if "count" in force:
            count(force["count"], "force.count")
    if "date" in fact and (not isinstance(fact["date"], str) or not _DATE.match(fact["date"])):
        raise fail(where, f"'date' must look like 2020-01-05, 2021-08 or 2008, not {fact['date']!r}",
                   "write an ISO date prefix")
    if "polarity" in fact and fact["polarity"] not in _POLARITIES:
        raise fail(where, f"'polarity' must be one of {', '.join(_POLARITIES)}, not {fact['polarity']!r}",
                   'write "polarity": "negative"')
    if "topic" in fact:
        if not isinstance(fact["topic"], dict):
            raise fail(where, "'topic' must be an event object", "see FORMAT.md")
        _validate_fact(fact["topic"], entities, where + "topic: ", fail, nested=True)


def _local(name: str) -> str:
    """Gold files name classes and properties by local name; tolerate a ``kg:`` prefix."""
    return name[3:] if name.startswith("kg:") else name
