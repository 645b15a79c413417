"""One small exception hierarchy with codes.

Every message names the stage, the thing at fault (file, rule, article) and the
fix, in the spirit of spaCy's ``E005`` and Stanza's "Perhaps you need to run
stanza.download(...)".

>>> str(InputError("E101", "no such file: x.txt", fix="check the path"))
'[E101] ingest: no such file: x.txt. Fix: check the path'
"""
from __future__ import annotations


class KGError(Exception):
    """Base class: ``code`` is stable, ``fix`` tells the user what to do."""

    stage = "kg"

    def __init__(self, code: str, message: str, *, fix: str | None = None) -> None:
        self.code = code
        self.message = message
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.stage}: {self.message}"
        if self.fix:
            text += f". Fix: {self.fix}"
        return text


class ConfigError(KGError):
    stage = "config"


class InputError(KGError):
    """A problem with one input article; the batch goes on without it."""

    stage = "ingest"


class ModelError(KGError):
    """Stanza models are missing or cannot be loaded; the run stops."""

    stage = "nlp"


class RuleError(KGError):
    """A rule file is invalid; reported as ``file:rule-id: [E0xx] message``."""

    stage = "rules"


class GraphError(KGError):
    stage = "graph"


class OutputError(KGError):
    stage = "outputs"


class QueryError(KGError):
    stage = "query"


class EvalError(KGError):
    """Gold files or outputs that cannot be read (exit status 2 in ``kg eval``)."""

    stage = "eval"
