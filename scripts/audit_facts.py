"""Precision audit: draw a reproducible sample of the graph's facts, show each
with its source sentence for a human judge, and score the judgments.

Usage::

    .venv/bin/python scripts/audit_facts.py sample outputs/graph.trig --n 60 --seed 1 \\
        --exclude-articles dev-01,dev-02 -o audit/sample.jsonl --template audit/judgments.csv
    .venv/bin/python scripts/audit_facts.py show outputs/graph.trig audit/sample.jsonl
    .venv/bin/python scripts/audit_facts.py score audit/judgments.csv

A *fact* is one node the pipeline minted under ``kgr:article/<id>/``: an event
(any class under ``kg:Event``: its type, roles → actor labels, forces with
count and owner, date, polarity, modality, quote, topic), a force
(``kg:MilitaryForce``: count, owner, location), a title
(``kg:TitleAttribution``: holder, title) or a relation (the ``rdf:Statement``
reifying e.g. ``kg:ledBy``). Its id is that node's IRI, which is stable for a
given build (IRIs come from article ids and sentence order, see
``docs/graph.md``).

``sample`` sorts every candidate IRI, draws ``--n`` of them with
``random.Random(seed)`` (so the same graph and seed give the same sample),
prints each fact and the text of the sentence(s) it was derived from
(``prov:wasDerivedFrom`` → ``kg:text``) to stdout, and writes the sample file:
one JSON line per fact, ``{"article", "id", "kind"}``, ids only and never any
article text, so that it may be committed. ``--template`` also writes an
empty judgments CSV to fill in.

``score`` reads judgments ``id,verdict,error_class``: verdict is ``right``,
``partly`` or ``wrong`` (an empty verdict is "not judged yet" and left out);
``error_class`` is free text (``missing role``, ``count not troops``, ``wrong
speaker``…; several may be given separated by ``;``), empty when right. The kind
of a fact comes from its IRI (or a ``kind`` column, or ``--sample``).

GRAPH is a ``graph.trig`` (all named graphs are read), a ``.ttl`` (the union
or one article's graph), or an outputs folder holding one of them. The class
hierarchy comes from the graph when it has one, else from ``ontology/kg.ttl``.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.util import guess_format

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import default_ontology_path  # noqa: E402
from kg.vocab import ROLES  # noqa: E402

KG_NS = "https://w3id.org/ankg/ontology#"
KGR_NS = "https://w3id.org/ankg/id/"
KINDS = ("event", "force", "title", "relation")
VERDICTS = ("right", "partly", "wrong")
_FACT_IRI = re.compile(r"^" + re.escape(KGR_NS) + r"article/([^/]+)/(event|force|title|relation)/(\d+)$")
PREFIXES = f"""PREFIX kg: <{KG_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
_CANDIDATES = PREFIXES + """
SELECT DISTINCT ?f ?kind WHERE {
  { ?f a/rdfs:subClassOf* kg:Event . BIND("event" AS ?kind) }
  UNION { ?f a kg:MilitaryForce . BIND("force" AS ?kind) }
  UNION { ?f a kg:TitleAttribution . BIND("title" AS ?kind) }
  UNION { ?f a rdf:Statement . BIND("relation" AS ?kind) }
  FILTER(STRSTARTS(STR(?f), "https://w3id.org/ankg/id/article/"))
}"""
_PROPERTIES = PREFIXES + "SELECT ?p ?o WHERE { ?f ?p ?o }"
_SENTENCES = PREFIXES + """
SELECT ?s ?text WHERE { ?f prov:wasDerivedFrom ?s . OPTIONAL { ?s kg:text ?text } }"""
_PARENTS = PREFIXES + """
SELECT ?e ?p WHERE { VALUES ?p { kg:topic kg:force } ?e ?p ?f }"""


class AuditError(Exception):
    """A problem with the user's input; printed without a traceback."""


# ---------------------------------------------------------------- the graph

def load_graph(path: Path) -> Graph:
    """Every triple of ``path`` (all named graphs of a dataset), with the class hierarchy."""
    path = Path(path)
    if path.is_dir():
        for name in ("graph.trig", "graph.ttl"):
            if (path / name).is_file():
                path = path / name
                break
        else:
            raise AuditError(f"{path} holds neither graph.trig nor graph.ttl")
    if not path.is_file():
        raise AuditError(f"no graph file {path}")
    fmt = guess_format(str(path)) or "turtle"
    graph = Graph()
    try:
        if fmt in ("trig", "nquads", "trix"):
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
        else:
            graph.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        raise AuditError(f"cannot parse {path} as {fmt}: {err}") from err
    if next(graph.triples((None, RDFS.subClassOf, None)), None) is None:
        graph.parse(default_ontology_path(), format="turtle")
    graph.bind("kg", KG_NS)
    graph.bind("kgr", KGR_NS)
    return graph


def fact_key(iri: str) -> tuple | None:
    """(article, kind, number) of a fact IRI, or None when it is not one."""
    m = _FACT_IRI.match(iri)
    return (unquote(m.group(1)), m.group(2), int(m.group(3))) if m else None


def natural(iri: str) -> tuple:
    key = fact_key(iri)
    return (key[0], KINDS.index(key[1]), key[2]) if key else ("~", 9, 0, iri)


def candidates(graph: Graph) -> dict[str, tuple[str, str]]:
    """Every fact of the graph: IRI → (article, kind)."""
    found: dict[str, tuple[str, str]] = {}
    for row in graph.query(_CANDIDATES):
        iri, kind = str(row.f), str(row.kind)
        key = fact_key(iri)
        if key is None or key[1] != kind:  # an IRI whose path disagrees with its class
            continue
        found[iri] = (key[0], kind)
    return found


def parse_exclusions(value: str | None) -> set[str]:
    """Article ids from a file (one per line or comma-separated, # comments) or a comma list."""
    if not value:
        return set()
    path = Path(value)
    text = path.read_text(encoding="utf-8") if path.is_file() else value
    ids = set()
    for line in text.splitlines():
        for part in line.split("#", 1)[0].split(","):
            part = part.strip()
            for suffix in (".txt", ".json"):
                part = part.removesuffix(suffix)
            if part:
                ids.add(part)
    return ids


def draw(facts: dict[str, tuple[str, str]], n: int, seed: int, *, exclude: set[str] = frozenset(),
         kinds: set[str] | None = None) -> list[dict]:
    """``n`` facts drawn reproducibly: candidates sorted by IRI, then ``random.Random(seed).sample``."""
    pool = sorted(iri for iri, (article, kind) in facts.items()
                  if article not in exclude and (kinds is None or kind in kinds))
    chosen = random.Random(seed).sample(pool, min(n, len(pool)))
    return [{"article": facts[i][0], "id": i, "kind": facts[i][1]} for i in sorted(chosen, key=natural)]


# ---------------------------------------------------------------- reading a fact

def _short(node) -> str:
    text = str(node)
    for prefix, ns in (("kgr:", KGR_NS), ("kg:", KG_NS)):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def _local(node) -> str:
    text = str(node)
    return text[len(KG_NS):] if text.startswith(KG_NS) else _short(node)


def _props(graph: Graph, node) -> dict[str, list]:
    out: dict[str, list] = {}
    for row in graph.query(_PROPERTIES, initBindings={"f": URIRef(str(node))}):
        out.setdefault(str(row.p), []).append(row.o)
    return {k: sorted(v, key=str) for k, v in out.items()}


def _kg(props: dict[str, list], name: str) -> list:
    return props.get(KG_NS + name, [])


def name(graph: Graph, node) -> str:
    """``English «Arabic»`` from an actor's labels, else its IRI."""
    if isinstance(node, Literal):
        return f"«{node}»"
    labels = [lab for lab in graph.objects(node, RDFS.label) if isinstance(lab, Literal)]
    en = sorted(str(lab) for lab in labels if lab.language == "en")
    ar = sorted(str(lab) for lab in labels if lab.language != "en")
    if en and ar:
        return f"{en[0]} «{ar[0]}»"
    if en or ar:
        return en[0] if en else f"«{ar[0]}»"
    return _short(node)


def _types(props: dict[str, list]) -> str:
    return ", ".join(_local(t) for t in props.get(str(RDF.type), [])) or "untyped"


def _force_words(graph: Graph, force) -> str:
    props = _props(graph, force)
    count = _kg(props, "troopCount")
    words = [f"{', '.join(map(str, count))} troops" if count else "no count"]
    if _kg(props, "forceOf"):
        words.append("of " + "; ".join(name(graph, o) for o in _kg(props, "forceOf")))
    if _kg(props, "location"):
        words.append("in " + "; ".join(name(graph, p) for p in _kg(props, "location")))
    label = props.get(str(RDFS.label), [])
    if label:
        words.append(f"(phrase «{label[0]}»)")
    return " ".join(words)


def _date_words(props: dict[str, list]) -> str | None:
    dates = [str(d) for d in _kg(props, "date")]
    text = [str(t) for t in _kg(props, "dateText")]
    if not dates and not text:
        return None
    shown = ", ".join(dates) if dates else "unresolved"
    span = ""
    if _kg(props, "earliest") and _kg(props, "latest") and not dates:
        span = f" between {_kg(props, 'earliest')[0]} and {_kg(props, 'latest')[0]}"
    return shown + span + (f" (text «{'; '.join(text)}»)" if text else "")


def _event_summary(graph: Graph, event, depth: int = 0) -> list[tuple[str, str]]:
    props = _props(graph, event)
    rows: list[tuple[str, str]] = []
    trigger = _kg(props, "trigger")
    rows.append(("type", _types(props) + (f" (trigger «{trigger[0]}»)" if trigger else "")))
    for role in ROLES:
        fillers = _kg(props, role)
        if fillers:
            rows.append((role, "; ".join(name(graph, f) for f in fillers)))
    for force in _kg(props, "force"):
        rows.append(("force", _force_words(graph, force)))
    date = _date_words(props)
    if date:
        rows.append(("date", date))
    if any(str(p) == KG_NS + "Negative" for p in _kg(props, "polarity")):
        rows.append(("polarity", "negative"))
    for modality in _kg(props, "modality"):
        rows.append(("modality", str(modality)))
    for quote in _kg(props, "quote"):
        rows.append(("quote", f"«{quote}»"))
    for topic in _kg(props, "topic"):
        if depth >= 2:
            rows.append(("topic", _short(topic)))
            continue
        inner = _event_summary(graph, topic, depth + 1)
        rows.append(("topic", f"{_short(topic)}"))
        rows += [("  " + k, v) for k, v in inner]
    return rows


def describe(graph: Graph, iri: str, kind: str) -> list[tuple[str, str]]:
    """The fact as (field, value) rows, source sentences last."""
    node = URIRef(iri)
    props = _props(graph, node)
    if not props:
        return [("missing", "this IRI is not in the graph (was it built from other input or code?)")]
    if kind == "event":
        rows = _event_summary(graph, node)
    elif kind == "force":
        rows = [("force", _force_words(graph, node))]
    elif kind == "title":
        rows = [("holder", "; ".join(name(graph, h) for h in _kg(props, "holder")) or "none"),
                ("title", "; ".join(f"«{t}»" for t in _kg(props, "title")) or "none")]
    else:
        subject, predicate, obj = (props.get(str(RDF[k]), [None])[0] for k in ("subject", "predicate", "object"))
        rows = [("relation", f"{name(graph, subject)}  {_short(predicate)}  {name(graph, obj)}")]
        if subject is not None and (subject, predicate, obj) not in graph:
            rows.append(("note", "the reified triple itself is not asserted"))
    for row in graph.query(_PARENTS, initBindings={"f": node}):
        role = "topic of" if str(row.p).endswith("topic") else "force of"
        parent_types = _types(_props(graph, row.e))
        rows.append((role, f"{_short(row.e)} ({parent_types})"))
    sentences = sorted(graph.query(_SENTENCES, initBindings={"f": node}), key=lambda r: natural_sentence(r.s))
    for row in sentences:
        number = str(row.s).rsplit("/", 1)[-1]
        rows.append((f"sentence {number}", f"«{row.text}»" if row.text is not None else "(no kg:text)"))
    if not sentences:
        rows.append(("sentence", "(no prov:wasDerivedFrom)"))
    return rows


def natural_sentence(node) -> tuple:
    tail = str(node).rsplit("/", 1)[-1]
    return (int(tail[1:]), "") if tail[:1] == "s" and tail[1:].isdigit() else (1 << 30, str(node))


def format_fact(graph: Graph, number: int, total: int, fact: dict) -> str:
    lines = [f"[{number}/{total}] {fact['kind']}  {_short(fact['id'])}"]
    for field, value in describe(graph, fact["id"], fact["kind"]):
        lines.append(f"    {field:<12} {value}")
    return "\n".join(lines)


# ---------------------------------------------------------------- commands

def cmd_sample(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    facts = candidates(graph)
    exclude = parse_exclusions(args.exclude_articles)
    articles = {a for a, _ in facts.values()}
    unknown = sorted(exclude - articles)
    if unknown:
        print(f"audit: excluded article(s) not in the graph: {', '.join(unknown)}", file=sys.stderr)
    kinds = set(args.kinds.split(",")) if args.kinds else None
    if kinds and kinds - set(KINDS):
        raise AuditError(f"unknown kind(s) {', '.join(sorted(kinds - set(KINDS)))}; use {', '.join(KINDS)}")
    sample = draw(facts, args.n, args.seed, exclude=exclude, kinds=kinds)
    pool = Counter(k for a, k in facts.values() if a not in exclude and (kinds is None or k in kinds))
    drawn = Counter(f["kind"] for f in sample)
    print(f"sample of {len(sample)} facts from {sum(pool.values())} (seed {args.seed}; "
          f"{len(articles - exclude)} articles" + (f", {len(exclude & articles)} excluded" if exclude else "")
          + ")")
    print("  " + ", ".join(f"{k} {drawn[k]}/{pool[k]}" for k in KINDS if pool[k]))
    if len(sample) < args.n:
        print(f"  (asked for {args.n}; the graph has only {len(sample)})")
    print()
    for number, fact in enumerate(sample, 1):
        print(format_fact(graph, number, len(sample), fact))
        print()
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8") as out:
            for fact in sample:
                out.write(json.dumps({k: fact[k] for k in ("article", "id", "kind")}, ensure_ascii=False,
                                     sort_keys=True) + "\n")
        print(f"wrote {args.output} ({len(sample)} ids)", file=sys.stderr)
    if args.template:
        if args.template.exists() and not args.force:
            raise AuditError(f"{args.template} exists; pass --force to overwrite judgments")
        args.template.parent.mkdir(parents=True, exist_ok=True)
        with args.template.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["id", "verdict", "error_class"])
            writer.writerows([fact["id"], "", ""] for fact in sample)
        print(f"wrote {args.template} (fill in verdict and error_class)", file=sys.stderr)
    return 0


def read_sample(path: Path) -> list[dict]:
    facts = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            fact = json.loads(line)
            iri = fact["id"]
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise AuditError(f"{path}:{number}: not a sample line ({err})") from err
        key = fact_key(iri)
        facts.append({"article": fact.get("article") or (key[0] if key else "?"), "id": iri,
                      "kind": fact.get("kind") or (key[1] if key else "?")})
    return facts


def cmd_show(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    sample = read_sample(args.sample)
    for number, fact in enumerate(sample, 1):
        print(format_fact(graph, number, len(sample), fact))
        print()
    return 0


def read_judgments(path: Path, kinds: dict[str, str]) -> tuple[list[dict], int]:
    """Judged rows (id, verdict, classes, kind) and the number of rows not judged yet."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise AuditError(f"cannot read {path}: {err}") from err
    reader = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    fields = [f.strip() for f in reader.fieldnames or []]
    if "id" not in fields or "verdict" not in fields:
        raise AuditError(f"{path}: the header must name id,verdict,error_class (has {','.join(fields)})")
    rows, unjudged, seen = [], 0, set()
    for number, raw in enumerate(reader, 2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        iri, verdict = row["id"], row["verdict"].lower()
        if not iri:
            raise AuditError(f"{path}: row {number}: empty id")
        if iri in seen:
            raise AuditError(f"{path}: row {number}: {iri} judged twice")
        seen.add(iri)
        if not verdict:
            unjudged += 1
            continue
        if verdict not in VERDICTS:
            raise AuditError(f"{path}: row {number}: verdict {row['verdict']!r} is not one of {', '.join(VERDICTS)}")
        classes = [" ".join(c.lower().split()) for c in row.get("error_class", "").split(";") if c.strip()]
        if verdict == "right" and classes:
            print(f"audit: row {number}: {iri} is right but names error class(es) "
                  f"{'; '.join(classes)}; not counted", file=sys.stderr)
            classes = []
        key = fact_key(iri)
        kind = row.get("kind") or kinds.get(iri) or (key[1] if key else "unknown")
        rows.append({"id": iri, "verdict": verdict, "classes": classes, "kind": kind})
    return rows, unjudged


def score_figures(rows: list[dict], unjudged: int = 0) -> dict:
    """The precision figures of judged rows (see :func:`read_judgments`), as plain data."""
    def counts(chosen: list[dict]) -> dict:
        c = Counter(r["verdict"] for r in chosen)
        n = len(chosen)
        return {"n": n, "right": c["right"], "partly": c["partly"], "wrong": c["wrong"],
                "right_pct": round(100 * c["right"] / n, 1) if n else None,
                "at_least_partly_pct": round(100 * (c["right"] + c["partly"]) / n, 1) if n else None}

    kinds = sorted({r["kind"] for r in rows}, key=lambda k: (KINDS.index(k) if k in KINDS else 9, k))
    classes = Counter(c for r in rows for c in r["classes"])
    forces = [r for r in rows if r["kind"] == "force"]
    return {
        "unjudged": unjudged,
        **counts(rows),
        "kinds": {k: counts([r for r in rows if r["kind"] == k]) for k in kinds},
        "error_classes": dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "not_right_without_class": sum(1 for r in rows if r["verdict"] != "right" and not r["classes"]),
        "forces": {"n": len(forces), "right": sum(r["verdict"] == "right" for r in forces),
                   "not_right": [r["id"] for r in forces if r["verdict"] != "right"]},
        "every_force_right": (all(r["verdict"] == "right" for r in forces) if forces else None),
    }


def _pct(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.1f}%"


def format_score(fig: dict) -> str:
    n = fig["n"]
    lines = [f"judged facts: {n}" + (f" ({fig['unjudged']} not judged yet, left out)" if fig["unjudged"] else "")]
    if not n:
        return "\n".join(lines)
    lines += [f"fully right:            {fig['right']}/{n} = {_pct(fig['right_pct']).strip()}",
              f"at least partly right:  {fig['right'] + fig['partly']}/{n} = "
              f"{_pct(fig['at_least_partly_pct']).strip()}",
              f"wrong:                  {fig['wrong']}/{n}",
              "",
              "per fact kind      n  right  partly  wrong   right%  ≥partly%"]
    for kind, c in fig["kinds"].items():
        lines.append(f"  {kind:<12} {c['n']:>4} {c['right']:>6} {c['partly']:>7} {c['wrong']:>6}"
                     f"   {_pct(c['right_pct'])}    {_pct(c['at_least_partly_pct'])}")
    lines += ["", "per error class (facts not right; a fact may name several, separated by ;)"]
    classes = fig["error_classes"]
    if classes:
        width = max(len(c) for c in classes)
        lines += [f"  {c:<{width}} {k:>4}" for c, k in classes.items()]
    else:
        lines.append("  none")
    if fig["not_right_without_class"]:
        lines.append(f"  ({fig['not_right_without_class']} fact(s) not right name no error class)")
    forces = fig["forces"]
    if fig["every_force_right"] is None:
        answer = "n/a (no force in the sample)"
    elif fig["every_force_right"]:
        answer = f"yes ({forces['right']}/{forces['n']})"
    else:
        answer = f"no ({forces['right']}/{forces['n']} right; not right: " \
                 + ", ".join(_short(i) for i in forces["not_right"]) + ")"
    lines += ["", f"every force right? {answer}"]
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    kinds = {f["id"]: f["kind"] for f in read_sample(args.sample)} if args.sample else {}
    rows, unjudged = read_judgments(args.judgments, kinds)
    fig = score_figures(rows, unjudged)
    print(format_score(fig))
    if args.json:
        args.json.write_text(json.dumps(fig, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="draw facts reproducibly and print them with their sentences")
    p.add_argument("graph", type=Path, help="graph.trig, a .ttl, or an outputs folder")
    p.add_argument("--n", type=int, default=60, help="how many facts (default 60)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--exclude-articles", metavar="IDS", help="a file of article ids, or a comma list")
    p.add_argument("--kinds", metavar="K,K", help=f"only these kinds ({','.join(KINDS)})")
    p.add_argument("-o", "--output", type=Path, metavar="SAMPLE.jsonl", help="write the sampled ids here")
    p.add_argument("--template", type=Path, metavar="JUDGMENTS.csv", help="also write an empty judgments CSV")
    p.add_argument("--force", action="store_true", help="overwrite an existing --template file")
    p.set_defaults(func=cmd_sample)
    p = sub.add_parser("show", help="re-print the facts of a sample file with their sentences")
    p.add_argument("graph", type=Path)
    p.add_argument("sample", type=Path)
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("score", help="precision figures from a judgments CSV")
    p.add_argument("judgments", type=Path, help="CSV with id,verdict,error_class")
    p.add_argument("--sample", type=Path, help="sample file to take fact kinds from (default: from the IRIs)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    p.set_defaults(func=cmd_score)
    args = parser.parse_args(argv)
    if getattr(args, "n", 1) < 1:
        parser.error("--n must be at least 1")
    try:
        return args.func(args)
    except AuditError as err:
        print(f"audit: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # piped into head: stop quietly
        sys.stdout = open(os.devnull, "w")
        return 0


if __name__ == "__main__":
    sys.exit(main())
