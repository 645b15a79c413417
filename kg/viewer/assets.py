"""The files a viewer page is made of: our own (``kg/data/viewer/``: the
style, the page template, script and stylesheet) and vis-network's, read from
the pyvis package.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import OutputError
from ..paths import package_file

_VIS_DIR = ("templates", "lib", "vis-9.1.2")


@dataclass(frozen=True)
class _Style:
    classes: dict[str, dict[str, str]]
    priority: list[str]
    excluded: frozenset[str]
    max_tooltip_sources: int
    stabilization_iterations: int
    large_stabilization_iterations: int


@lru_cache(maxsize=1)
def _style() -> _Style:
    raw = yaml.safe_load(_read_data("style.yaml"))
    return _Style(
        classes=raw["classes"],
        priority=list(raw["priority"]),
        excluded=frozenset(raw["excluded"]),
        max_tooltip_sources=int(raw["max_tooltip_sources"]),
        stabilization_iterations=int(raw["stabilization_iterations"]),
        large_stabilization_iterations=int(raw["large_stabilization_iterations"]),
    )


def _read_data(name: str) -> str:
    return (package_file("kg", "viewer") / name).read_text(encoding="utf-8")


def _read_vis(name: str) -> str:
    try:
        folder = resources.files("pyvis")
        for part in _VIS_DIR:
            folder = folder / part
        return (folder / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise OutputError(
            "E450",
            f"vis-network asset {'/'.join(_VIS_DIR)}/{name} not found in the pyvis package ({exc})",
            fix="install pyvis 0.3.2 (pip install 'pyvis>=0.3.2'), which ships vis-network 9.1.2",
        ) from exc
