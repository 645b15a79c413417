"""Count candidate actor names in the SaudiNewsNet corpus, to grow the gazetteer.

Usage::

    .venv/bin/python scripts/count_actor_candidates.py --top 400 --min-count 20
    .venv/bin/python scripts/count_actor_candidates.py --articles 2000 --mark
    .venv/bin/python scripts/count_actor_candidates.py --forms      # check the gazetteer's own spellings

The corpus is ``$KG_SHARED/corpus/saudinewsnet/*.zip`` (default
``<repo>/../shared``): one zip per day holding JSON arrays of articles with
``source``, ``url``, ``title``, ``content``... Every article whose ``url`` is the
``url`` of a ``$KG_SHARED/devset/*.meta.json`` is skipped: the dev articles are
kept for measuring and must not feed the gazetteer.

No parser is run (Stanza is far too slow for 31k articles). Title and content
are normalised with :func:`kg.lang.ar.normalize_ar`, cut at every character that
is not an Arabic letter (punctuation, digits and Latin letters end a phrase) and
split into words. Two kinds of candidates are counted, one count per mention:

- *head phrases*: 2 to ``--max-words`` words starting at an actor head word
  (قوات، تنظيم، جماعة، حركة، حزب، جبهة، جيش، الجيش، ميليشيات، التحالف، وزير،
  مجلس، المبعوث...), after stripping proclitics from the head (وقوات, لقوات,
  بالجيش), stopping before a function word (في، من، على...);
- *names after titles*: 2 and 3 words (4 with بن، عبد، أبو...) after a title
  (الرئيس، الملك، الأمير، وزير الخارجية، المتحدث باسم...) and the adjectives or
  complements that follow it (اليمني، الخارجية، العهد، باسم), e.g. the name
  in "الرئيس اليمني <name>"; a name never ends on بن، عبد، أبو.

Output: ``phrase<TAB>count`` lines, most frequent first (ties by phrase), so
the same corpus always gives the same output. With ``--mark`` a third column
gives the id of the gazetteer entry the whole phrase resolves to
(:meth:`kg.gazetteer.Gazetteer.lookup`), or ``-``. A summary goes to stderr:
articles read and skipped, and how many of the printed phrases the gazetteer
(``ontology/actors.ttl``, or ``--gazetteer FILE``) resolves as a whole, and how many more hold a
gazetteer name inside (الرئيس اليمني عبد ربه منصور هادي).

``--forms`` instead counts, for every curated (non-CSV) gazetteer entry, how
often each of its Arabic names occurs in the corpus (first word with or
without proclitics), so that spellings nobody writes can be spotted:
``id<TAB>name<TAB>count`` lines, in entry order (``-`` for a name with a digit
or sign, such as مجموعة 5+1: the text is cut there). ``--phrases FILE`` counts
the phrases of a file the same way (one a line, or ``label<TAB>phrase``).

The output is derived from article text: it is for choosing entries and is
never committed.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from kg.gazetteer import Gazetteer  # noqa: E402
from kg.lang.ar import normalize_ar, proclitic_variants  # noqa: E402

# Written as in the text; compared normalised.
HEAD_WORDS = """
قوات القوات تنظيم جماعة الجماعة جماعات حركة الحركة حزب جبهة جيش الجيش ميليشيا ميليشيات مليشيا مليشيات
الميليشيات المليشيات التحالف تحالف وزير وزارة مجلس المجلس الرئيس الملك الأمير ولي رئيس المبعوث الأمين
لواء كتائب كتيبة فصائل فصيل المقاومة الحشد وحدات هيئة الهيئة منظمة المنظمة مفوضية وكالة المرصد
المتحدث الناطق قائد زعيم مؤتمر المؤتمر ائتلاف الائتلاف الحرس حكومة الحكومة البرلمان محكمة المحكمة
المتمردين المتمردون مسلحي مسلحو عناصر أنصار دولة الدولة الاتحاد جامعة الجامعة صحيفة قناة شبكة
""".split()

# Titles after which a personal name usually follows.
TITLE_WORDS = """
الرئيس الملك الأمير الشيخ السيد الوزير وزير رئيس المبعوث الأمين المتحدث الناطق الجنرال اللواء العميد
العقيد الفريق المشير العماد الدكتور المرشد آية الزعيم القيادي قائد زعيم مساعد نائب ولي خادم
السفير المستشار المفوض المندوب الإمام الملا
""".split()

# Words that may follow a title before the name: they are skipped, not counted.
TITLE_COMPLEMENTS = """
الله العهد ولي باسم الحرمين الشريفين الحرمين الأركان العامة العام للأمم المتحدة الأمم المتحدة الخاص
الدولة الوزراء مجلس الجمهورية الأعلى السابق المخلوع الراحل الأسبق الحالي الجديد الأول الثاني الدفاع
الخارجية الداخلية الأمن الوطني القومي الشؤون للشؤون
""".split()

# A name does not end on these: "سلمان بن" is part of "سلمان بن عبدالعزيز".
NAME_LINKS = """
بن ابن بنت عبد أبو أبي أم آل ولد ذو
""".split()

# Function words: a phrase never contains one, a name never starts with one.
STOPWORDS = """
في من على إلى الى عن مع أن إن ان أنه انه إنه لا لم لن ما ماذا التي الذي الذين اللذين اللتين هذا هذه ذلك
تلك هو هي هم بعد قبل منذ خلال عند حتى أو او ثم بين ضد عبر حول لدى كل بعض غير أي أمس اليوم يوم مساء
صباح فيما كما حيث لكن لقد قد كان كانت وقال وقالت قال قالت أكد أعلن وأضاف أضاف يكون تكون إذا اذا
بينما وفق وفقا بأن بان أيضا ايضا نحو أكثر اكثر أمام امام داخل خارج تحت فوق دون بسبب إثر اثر جراء
""".split()

_NOT_LETTER = re.compile(r"[^\u0621-\u063a\u0641-\u064a ]+")


def _normset(words: list[str]) -> frozenset[str]:
    return frozenset(normalize_ar(w) for w in words)


HEADS = _normset(HEAD_WORDS)
TITLES = _normset(TITLE_WORDS)
COMPLEMENTS = _normset(TITLE_COMPLEMENTS)
STOP = _normset(STOPWORDS)
LINKS = _normset(NAME_LINKS)


def shared_dir() -> Path:
    return Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))


def dev_urls(shared: Path) -> set[str]:
    """The ``url`` of every dev article (``devset/*.meta.json``)."""
    urls = set()
    for path in sorted((shared / "devset").glob("*.meta.json")):
        url = json.loads(path.read_text(encoding="utf-8")).get("url")
        if url:
            urls.add(url.strip())
    return urls


def articles(shared: Path, limit: int | None, skip: set[str], stats: Counter) -> Iterator[str]:
    """Title and content of each corpus article not in ``skip``, zips and members in sorted order."""
    zips = sorted(glob.glob(str(shared / "corpus" / "saudinewsnet" / "*.zip")))
    if not zips:
        raise SystemExit(f"no corpus zips under {shared / 'corpus' / 'saudinewsnet'} (set KG_SHARED)")
    for zpath in zips:
        with zipfile.ZipFile(zpath) as archive:
            for member in sorted(archive.namelist()):
                if not member.endswith(".json"):
                    continue
                for item in json.loads(archive.read(member)):
                    if limit is not None and stats["read"] >= limit:
                        return
                    if (item.get("url") or "").strip() in skip:
                        stats["skipped_dev"] += 1
                        continue
                    stats["read"] += 1
                    yield f"{item.get('title') or ''}\n{item.get('content') or ''}"


def segments(text: str) -> Iterator[list[str]]:
    """Normalised word runs between punctuation, digits and non-Arabic text."""
    for part in _NOT_LETTER.split(normalize_ar(text)):
        words = part.split()
        if words:
            yield words


@lru_cache(maxsize=None)
def _bare(word: str, vocabulary: frozenset[str]) -> str | None:
    """``word`` or its proclitic-stripped form, if that is in ``vocabulary``."""
    for form in proclitic_variants(word):
        if form in vocabulary:
            return form
    return None


def head_phrases(words: list[str], max_words: int) -> Iterator[str]:
    for i, word in enumerate(words):
        head = _bare(word, HEADS)
        if head is None:
            continue
        phrase = [head]
        for nxt in words[i + 1:i + max_words]:
            if nxt in STOP or len(nxt) < 2:
                break
            phrase.append(nxt)
            yield " ".join(phrase)


def title_names(words: list[str]) -> Iterator[str]:
    for i, word in enumerate(words):
        if _bare(word, TITLES) is None:
            continue
        j = i + 1
        # skip the title's adjectives (اليمني، الأمريكي) and complements (العهد، باسم)
        while j < len(words) and j - i <= 4 and (words[j] in COMPLEMENTS or words[j] in TITLES
                                                 or (words[j].startswith("ال") and words[j] not in STOP)):
            j += 1
        name: list[str] = []
        for nxt in words[j:j + 4]:
            if nxt in STOP or len(nxt) < 2 or _bare(nxt, TITLES) or _bare(nxt, HEADS):
                break
            name.append(nxt)
            if len(name) >= 2 and nxt not in LINKS and (len(name) < 4 or LINKS & set(name)):
                yield " ".join(name)


def count_candidates(texts: Iterator[str], max_words: int) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        for words in segments(text):
            counts.update(head_phrases(words, max_words))
            counts.update(title_names(words))
    return counts


def curated_ids() -> set[str]:
    """Ids of pipelines/actors.yaml: its countries, their capitals and its actors."""
    data = yaml.safe_load((REPO / "pipelines" / "actors.yaml").read_text(encoding="utf-8"))
    ids = {a["id"] for a in data.get("actors") or []}
    for country in data.get("countries") or []:
        ids.add(country["id"])
        if country.get("capital"):
            ids.add(country["capital"]["id"])
    return ids


def gazetteer_names(gaz: Gazetteer) -> list[tuple[str, str]]:
    """(id, Arabic name) of every curated entry, in gazetteer order."""
    curated = curated_ids()
    return [(entry.iri.rsplit("/", 1)[1], name) for entry in gaz
            if entry.iri.rsplit("/", 1)[1] in curated  # else a country only in the CSV table
            for name in entry.names]


def count_forms(texts: Iterator[str], names: list[tuple[str, str]]) -> tuple[list[tuple[str, str, str]], Counter]:
    """Occurrences of each (label, Arabic phrase) in the texts; the first word may carry proclitics."""
    rows: list[tuple[str, str, str]] = []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for label, name in names:
        key = normalize_ar(name)
        rows.append((label, name, key))
        if _NOT_LETTER.search(key):
            continue  # a digit or sign (مجموعة 5+1): the text is cut there, so it is never counted
        words = tuple(key.split(" "))
        by_first.setdefault(words[0], [])
        if words not in by_first[words[0]]:
            by_first[words[0]].append(words)
    heads = frozenset(by_first)
    counts: Counter = Counter()
    for text in texts:
        for words in segments(text):
            for i, word in enumerate(words):
                first = _bare(word, heads)
                if first is None:
                    continue
                for name in by_first[first]:
                    if tuple(words[i + 1:i + len(name)]) == name[1:]:
                        counts[" ".join(name)] += 1
    return rows, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=300, help="print the N most frequent phrases (default 300)")
    parser.add_argument("--articles", type=int, default=None, help="read at most N articles (for speed)")
    parser.add_argument("--min-count", type=int, default=5, help="leave out phrases seen fewer times (default 5)")
    parser.add_argument("--max-words", type=int, default=4, help="longest head phrase in words (default 4)")
    parser.add_argument("--mark", action="store_true", help="third column: the gazetteer id the phrase resolves to, or -")
    parser.add_argument("--unresolved", action="store_true", help="print only phrases the gazetteer does not resolve")
    parser.add_argument("--forms", action="store_true", help="count the curated gazetteer names instead")
    parser.add_argument("--gazetteer", type=Path, action="append", default=None,
                        help="gazetteer Turtle file(s) to resolve with (default ontology/actors.ttl)")
    parser.add_argument("--phrases", type=Path, default=None,
                        help="count the phrases of this file instead (one a line; 'label<TAB>phrase' also works)")
    args = parser.parse_args(argv)

    shared = shared_dir()
    stats: Counter = Counter()
    texts = articles(shared, args.articles, dev_urls(shared), stats)
    gaz = Gazetteer.load(args.gazetteer)
    out = sys.stdout

    if args.forms or args.phrases:
        if args.phrases:
            lines = [ln.strip() for ln in args.phrases.read_text(encoding="utf-8").splitlines()]
            names = [tuple(ln.split("\t", 1)) if "\t" in ln else ("-", ln) for ln in lines if ln and not ln.startswith("#")]
        else:
            names = gazetteer_names(gaz)
        rows, counts = count_forms(texts, names)
        for ident, name, key in rows:
            out.write(f"{ident}\t{name}\t{'-' if _NOT_LETTER.search(key) else counts[key]}\n")
        zero = sum(1 for _, _, key in rows if counts[key] == 0 and not _NOT_LETTER.search(key))
        print(f"articles read: {stats['read']} (dev articles skipped: {stats['skipped_dev']}); "
              f"names: {len(rows)}, never seen: {zero}", file=sys.stderr)
        return 0

    counts = count_candidates(texts, args.max_words)
    ranked = sorted(((p, c) for p, c in counts.items() if c >= args.min_count), key=lambda pc: (-pc[1], pc[0]))
    printed = resolved = inside = 0
    seen = 0
    for phrase, count in ranked:
        if printed >= args.top:
            break
        entry = gaz.lookup(phrase)
        seen += 1
        if entry is None and gaz.find(phrase.split(" ")):
            inside += 1
        if entry is not None:
            resolved += 1
            if args.unresolved:
                continue
        printed += 1
        line = f"{phrase}\t{count}"
        if args.mark:
            line += "\t" + (entry.iri.rsplit("/", 1)[1] if entry else "-")
        out.write(line + "\n")
    print(f"articles read: {stats['read']} (dev articles skipped: {stats['skipped_dev']}); "
          f"distinct candidates: {len(counts)}; phrases ranked: {seen}, "
          f"resolved by the gazetteer: {resolved}/{seen} = {resolved / max(seen, 1):.3f}, "
          f"holding a gazetteer name in a longer phrase: {inside}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
