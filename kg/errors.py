"""One small exception hierarchy with codes.

Every message names the stage, the thing at fault (file, rule, article) and the
fix, in the spirit of spaCy's ``E005`` and Stanza's "Perhaps you need to run
stanza.download(...)".

>>> str(InputError("E101", "no such file: x.txt", fix="check the path"))
'[E101] ingest: no such file: x.txt. Fix: check the path'
"""
from __future__ import annotations


# Every code kg uses, and the one failure it means. A code is used for nothing
# else; ``tests/test_errors.py`` checks that every code raised in kg/ is here.
CODES: dict[str, str] = {
    # E0xx configuration
    "E001": "the config file cannot be found or read",
    "E002": "the config file is not valid TOML",
    "E003": "the config file has an unknown section or key",
    "E004": "a config value has the wrong type or is out of range",
    # E1xx ingest: one article is skipped, the batch goes on
    "E101": "an input path does not exist",
    "E102": "the article is empty",
    "E103": "the input is binary (NUL bytes)",
    "E104": "the article has (almost) no Arabic text",
    "E105": "the article is longer than the character limit",
    "E106": "'published' is not an ISO date",
    "E107": "the input is not UTF-8",
    "E108": "a meta.json sidecar is not a JSON object",
    "E109": "a directory holds no .txt or .jsonl files",
    "E110": "two articles have the same id",
    "E111": "a JSONL line is not a JSON object with a string 'text'",
    "E112": "an article id holds characters other than letters, digits, '.', '_', '-'",
    "E113": "an article id is made only of dots ('.', '..')",
    "E114": "an article id is longer than the id limit",
    "E115": "an input is not a regular file (a directory named like one, a FIFO, socket or device)",
    "E116": "the input looks like UTF-16 without a byte-order mark",
    "E117": "the input starts with a byte-order mark but does not decode in that encoding",
    "E118": "a metadata field has the wrong JSON type",
    "E119": "'url' is not an absolute URL",
    "E120": "an input cannot be read (permissions or an I/O error)",
    # E2xx nlp
    "E201": "the Stanza resources directory has no resources.json",
    "E202": "the Arabic Stanza models are missing",
    "E203": "the Stanza models cannot be loaded",
    "E204": "Stanza failed on one article",
    # E3xx extraction and its rule files
    "E300": "the rule layer failed on one article (a bug: please report it)",
    "E301": "a rule lacks a required key",
    "E302": "a rule has an unknown key (at its top or inside veto)",
    "E303": "a trigger pattern is malformed",
    "E304": "a rule names a class or property that is not in the ontology",
    "E305": "a rule names a role that is unknown, or that it does not fill",
    "E306": "a rule names an unknown role strategy",
    "E307": "a rule's examples are missing or malformed",
    "E308": "two rules have the same id",
    "E309": "a rule's force is not true, false or required",
    "E310": "an actor-class rule is malformed",
    "E311": "a rule misuses a strategy (an argument missing or extra, demonym joined with '+')",
    "E312": "the extraction steps are in an order where a requirement comes later",
    "E313": "a rule file is not valid YAML",
    "E314": "a rule file is not a mapping with a kind",
    "E315": "the rules directory holds no rule files",
    "E316": "the rules directory lacks the titles or cues file",
    "E317": "a rule file has an unknown kind",
    "E318": "a rule's min_roles is malformed",
    "E319": "a rule's role_classes names an unknown actor class",
    "E321": "generic_actors.yaml: the file, an entry or an example has the wrong shape or unknown keys",
    "E322": "generic_actors.yaml cannot be read or is not valid YAML",
    "E323": "generic_actors.yaml: a class, sector code, kind or choice is not one it allows",
    "E324": "generic_actors.yaml: an id or a form is listed twice",
    "E325": "generic_actors.yaml: an example's phrase is not in its text, or its class or sector are not the entry's",
    "E351": "quantities.yaml: a section, entry or example has the wrong shape or unknown keys",
    "E352": "quantities.yaml cannot be read or is not valid YAML",
    "E353": "quantities.yaml: a value is invalid, duplicated or conflicting",
    # E40x outputs
    "E401": "another kg run is writing to the same output directory",
    "E402": "the output directory cannot be written",
    # E45x viewer, E46x validation
    "E450": "the vis-network asset is missing from the pyvis package",
    "E451": "the viewer cannot be written",
    "E452": "the viewer was given something that is not an rdflib graph",
    "E453": "the viewer's physics limit is not a non-negative integer",
    "E454": "an asset cannot be inlined into the viewer page",
    "E460": "no graph to validate at the given path",
    "E461": "the SHACL shapes cannot be found or parsed",
    "E462": "the graph to validate cannot be parsed",
    # E5xx query and endpoint
    "E501": "the SPARQL query (or its dataset) cannot be parsed",
    "E502": "no such named query or query file",
    "E503": "the query source cannot be found or read",
    "E504": "the query failed while running",
    "E505": "the query store cannot be opened",
    "E506": "SPARQL Update is refused (read-only)",
    "E507": "federated queries (SERVICE) are refused",
    "E508": "unknown result format",
    "E509": "the row limit is negative",
    "E510": "a graph or ontology file cannot be parsed into the store",
    "E511": "the query ran over the endpoint's time limit",
    "E512": "the endpoint is stopping",
    "E513": "the request body is too large",
    "E514": "the path is outside what the endpoint serves",
    "E515": "no such file on the endpoint",
    "E516": "the endpoint's time limit or result limit is not positive",
    "E517": "the endpoint cannot listen on the host and port",
    "E518": "kg query was given no source or no query",
    "E519": "the request body has a media type the endpoint cannot read",
    "E520": "the request does not give exactly one query",
    "E521": "no result format fits the Accept header",
    "E522": "the query is longer than the endpoint allows",
    "E523": "the query nests brackets deeper than the endpoint allows",
    "E524": "the worker process running a query died",
    "E525": "every query worker stayed busy past the time limit",
    "E526": "the endpoint's query workers cannot start",
    "E527": "the Host header does not name the endpoint",
    "E528": "a request header or body length is malformed",
    # E6xx dates
    "E601": "the date tables cannot be read",
    "E602": "the date tables are malformed",
    "E603": "find_dates was given something that is not a string",
    "E604": "the publication date is not a datetime.date",
    "E605": "unknown month-name family",
    # E606-E619 the command line's own arguments
    "E606": "kg dates --published is not a date written YYYY-MM-DD",
    "E607": "the output directory is a file or lies under a file",
    "E608": "the parse cache directory is a file or lies under a file",
    "E609": "the endpoint port is not a number from 0 to 65535",
    "E610": "a .rq query file cannot be read as UTF-8 text",
    "E611": "kg eval was given no OUTPUTS after the gold files",
    "E612": "kg eval --min-recall is not a number from 0 to 1",
    # E7xx eval
    "E701": "a gold file cannot be read or does not follow FORMAT.md",
    "E702": "the outputs to score cannot be found",
    "E703": "a graph file to score does not parse",
    "E704": "the ontology file does not parse",
    "E705": "no gold files match the given paths",
    # E8xx ontology, gazetteer, Arabic lexicon
    "E801": "a name is not a term of the ontology",
    "E802": "the ontology file is missing",
    "E820": "the gazetteer file cannot be found or parsed",
    "E821": "an IRI is not in the gazetteer",
    "E822": "a gazetteer entry has no Arabic label",
    "E830": "a word list in kg/lang/ar/data/lexicon.yaml lacks its description, words or examples",
    "E831": "no such word list in the Arabic lexicon",
    "E832": "a single-word list of the Arabic lexicon holds several words",
    # E9xx the command line's last resort
    "E901": "an internal error reached the command line (a bug: please report it)",
}


def describe(code: str) -> str:
    """What an error code means.

    >>> describe("E313")
    'a rule file is not valid YAML'
    """
    return CODES[code]


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


class UsageError(KGError):
    """A command-line argument that the command cannot use (exit status 2)."""

    stage = "cli"


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


def parse_error_text(err: BaseException) -> str:
    """rdflib's parse error in one readable line: for Turtle/TriG the line and
    the reason, not its dump of the raw bytes.

    >>> from rdflib import Graph
    >>> try:
    ...     Graph().parse(data="<a> <b> <c> .\\nhello x\\n", format="turtle")
    ... except Exception as err:
    ...     print(parse_error_text(err))
    line 2: expected directive or statement
    """
    args = getattr(err, "args", ())
    if type(err).__name__ == "BadSyntax" and len(args) == 5:
        _, lines, text, index, why = args
        line = int(lines) + 1 if isinstance(lines, int) else lines
        return f"line {line}: {why}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__
