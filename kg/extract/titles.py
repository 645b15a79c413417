"""Titles in apposition: who holds which office.

Before the name (وزير الخارجية العراقي فؤاد حسين) or after it between commas
(جون كيربي، المتحدث باسم الوزارة،). A spokesman's title names whom they speak
for: in "المتحدث باسم رئيس الحكومة مصطفى الكاظمي، اللواء يحيى رسول" the title is
Rasool's. Title heads and the longest title are data
(``pipelines/rules/titles.yaml``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Word
from ..facts import SourceRef, Title
from ..lang.ar import clitics, lexicon, normalize_ar
from .context import COMMAS, PLACE_NOUNS, SentenceContext
from .honorifics import pronoun_honour
from .steps import ArticleState, SentenceState, SentenceStep

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import RuleSet

BRACKETS = "()"  # around a short name inside a title

TITLE_STOPS = lexicon.words("title_stops")
SUBORDINATORS = lexicon.words("subordinators")
ON_BEHALF = lexicon.words("on_behalf")
ENVOYS = lexicon.words("envoy_heads")
APPOINT = lexicon.words("appoint_words")
HONORIFICS = lexicon.words("honorifics")
RANKS = lexicon.words("military_ranks")
BARE_RANKS = lexicon.words("bare_ranks")
NUMBERED_UNITS = lexicon.words("numbered_units")
DEGREES = lexicon.words("degrees")
TO = normalize_ar("إلى")
FOR = normalize_ar("عن")
REPRESENTATIVES = lexicon.words("representative_heads")
SEATS = lexicon.words("representative_bodies")
NAMED_AFTER = lexicon.words("named_after_heads")
RANK_OR_TEAM = lexicon.words("rank_or_team")
RANK_GRADES = lexicon.words("rank_grades")
STATEMENT_NOUNS = lexicon.words("statement_nouns")
COMPLEMENT_HEADS = lexicon.words("complement_heads")
THIRD_PERSON = lexicon.words("third_person")
QUOTE_OPENERS, QUOTE_CLOSERS = "«\"“", "»\"”"


def accusative(w: Word) -> bool:
    """An indefinite accusative noun (هجوما، قائدا), which no title phrase holds: in "شن
    الفريق الدباغ القائد العام للجيش هجوما" the title ends before the verb's object."""
    return w.upos in ("NOUN", "X", "ADJ") and clitics.indefinite_accusative(w.text, w.norm)


def appointed_as(s, name: int, word: Word, heads: set[str]) -> bool:  # noqa: ANN001 - a Sentence
    """The word after a name is the office it was appointed to: an accusative title head
    (قائدا، مبعوثا، رئيسا) after an appointment word (lexicon ``appoint_words``) at most four
    words before the name: "عينت نيجيريا الجنرال X قائدا للقوة", "تعيين X مبعوثا"."""
    stem = word.norm[:-1] if word.norm.endswith("ا") else word.norm
    if not (accusative(word) and (stem in heads or word.lemma_norm in heads)):
        return False
    return any(set(clitics.proclitic_variants(s.word(w).norm)) & APPOINT or s.word(w).lemma_norm in APPOINT
               for w in range(max(1, name - 4), name))


def quoted_name_end(s, wid: int) -> int | None:  # noqa: ANN001 - a Sentence
    """Word ``wid`` opens quote marks that close within five words: the id of the closing
    mark, else None. A quoted name (مركز «أورانج كاونتي») belongs to the title before it."""
    if s.word(wid).text not in QUOTE_OPENERS:
        return None
    return next((w for w in range(wid + 1, min(len(s.words), wid + 6) + 1) if s.word(w).text in QUOTE_CLOSERS), None)


def office_link(s, wid: int) -> bool:  # noqa: ANN001 - a Sentence
    """Word ``wid`` is the إلى of an envoy's office (lexicon ``envoy_heads``) a few words
    before it: "المبعوث الأمريكي إلى سوريا", or the عن of a member's seat right after a
    representative head (``representative_heads``), before a place noun, a bloc noun or a
    name: "النائب عن محافظة نينوى", "النائبة عن التحالف المدني"."""
    norm = s.word(wid).norm
    if norm == TO:
        return any(s.word(w).norm in ENVOYS or s.word(w).lemma_norm in ENVOYS for w in range(max(1, wid - 4), wid))
    if norm != FOR or wid < 2 or wid >= len(s.words) or s.word(wid - 1).norm not in REPRESENTATIVES:
        return False
    nxt = s.word(wid + 1)
    return nxt.norm in PLACE_NOUNS or nxt.norm in SEATS or nxt.upos in ("PROPN", "X")


class Titles(SentenceStep):
    """The sentence's titles; their words are marked in the context (``title_words``),
    so that a name inside a title (وزير خارجية العراق) fills no role."""

    name = "titles"
    requires = frozenset({"context"})
    provides = frozenset({"titles", "title_words"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        state.facts.titles.extend(find_titles(self.rules, state.text, sent.ctx, sent.source))


def _completes(prev: Word) -> bool:
    """``prev`` is an indefinite noun in the construct state, alone in its token, that the
    next word completes (مرمى الفريق), not a title head of its own."""
    return prev.upos == "NOUN" and not prev.norm.startswith(clitics.ARTICLE) and prev.norm not in RANK_GRADES


def _split_offices(words: list[Word], is_head) -> list[list[Word]]:  # noqa: ANN001 - a predicate
    """One title phrase cut before each head that follows a definite word that is no head:
    "وزير الداخلية الأمير" is the office and the prince's title, "عضو مجلس الإدارة مدير عام
    الكرة" two offices; "نائب الرئيس" and "نائب رئيس مجلس الوزراء" are one."""
    parts: list[list[Word]] = [[]]
    for k, w in enumerate(words):
        if k and parts[-1] and is_head(w) \
                and words[k - 1].norm.startswith(clitics.ARTICLE) and not is_head(words[k - 1]):
            parts.append([])
        parts[-1].append(w)
    return parts


def _occasion(s, wid: int) -> bool:  # noqa: ANN001 - a Sentence
    """Word ``wid`` is في or ب before the occasion of a statement (lexicon ``statement_nouns``):
    "مدير الاتصالات في الصندوق في بيان" ends before في بيان."""
    w = s.word(wid)
    return w.upos == "ADP" and wid < len(s.words) and s.word(wid + 1).norm in STATEMENT_NOUNS


def _honorific(s, ctx: SentenceContext, idx: int) -> bool:  # noqa: ANN001 - a Sentence
    """Mention ``idx`` is an honorific pronoun (سموه), which stands for a person named before."""
    return pronoun_honour(s, s.word(ctx.mentions[idx].words[0])) is not None


def _latin_name(w: Word) -> bool:
    """A name in Latin letters, which the tagger may take for a number: "مجموعة ACME"."""
    return w.text.isascii() and w.text.isalpha()


def _rank_or_degree(form: str) -> bool:
    """A degree, form of address or military rank (lexicons ``degrees``, ``military_ranks``,
    ``bare_ranks``)."""
    return form in DEGREES or form in RANKS or form in BARE_RANKS


def find_titles(rules: RuleSet, text: str, ctx: SentenceContext, source: SourceRef) -> list[Title]:
    """Titles in apposition: before the name (وزير الخارجية العراقي فؤاد حسين)
    or after it between commas (جون كيربي، المتحدث باسم الوزارة،). A
    spokesman's title names whom they speak for: in "المتحدث باسم رئيس
    الحكومة مصطفى الكاظمي، اللواء يحيى رسول" the title is Rasool's."""
    s, rule = ctx.sentence, rules.titles
    out: list[Title] = []
    persons = [i for i in range(len(ctx.mentions)) if ctx.cls(i) == "Person"]

    def is_head(w: Word) -> bool:
        # Not a team (الفريق الإسباني, lexicon rank_or_team); الفريق أول is a rank.
        if w.norm in RANK_OR_TEAM and w.id < len(s.words) and s.word(w.id + 1).upos == "ADJ" \
                and s.word(w.id + 1).norm not in RANK_GRADES:
            return False
        # Nor after an indefinite noun it completes (حارس مرمى الفريق أحمد: the team's goalkeeper).
        if w.norm in RANK_OR_TEAM and w.id > 1 and _completes(s.word(w.id - 1)):
            return False
        # Also a whole token that is a head when the tokeniser split it (وزير → و + زير).
        token = s.tokens[w.token]
        # By lemma only when the form ends with it (للرئيس → لرئيس), not a dual or plural
        # (الرئيسين السابقين, الوزراء), which names several people.
        return (w.lemma_norm in rule.heads and w.norm.endswith(w.lemma_norm)) or w.norm in rule.heads or (
            len(token.words) > 1 and w.id == token.words[-1] and token.norm in rule.heads) or (
            accusative(w) and w.norm[:-1] in rule.heads)  # قائدا: the office one is appointed to

    def token_start(wid: int) -> int:
        """The first word of a head that the tokeniser split; the head itself otherwise."""
        w = s.word(wid)
        if w.lemma_norm in rule.heads or w.norm in rule.heads:
            return wid
        return s.tokens[w.token].words[0]
    def starts_head(wid: int) -> bool:
        """Word ``wid`` is a head, or the first word of a head token the tokeniser split."""
        w = s.word(wid)
        token = s.tokens[w.token]
        return is_head(w) or (len(token.words) > 1 and wid == token.words[0] and token.norm in rule.heads)

    def chain_ends(wid: int) -> bool:
        """A definite word ends a construct chain: the indefinite noun after it starts another
        phrase ("نقل ولي العهد تحيات خادم الحرمين الشريفين": the greetings are not his title)."""
        w, nxt = s.word(wid), s.word(wid + 1)
        return w.upos in ("NOUN", "ADJ") and w.norm.startswith(clitics.ARTICLE) \
            and nxt.upos == "NOUN" and not nxt.norm.startswith(clitics.ARTICLE) and not is_head(nxt) \
            and nxt.norm not in RANK_GRADES \
            and wid + 1 not in ctx.by_word and s.tokens[nxt.token].words[0] == nxt.id

    found: dict[int, tuple[int, int]] = {}  # mention index -> (first, last) title word
    for idx in list(persons):
        # "قاعدة الملك خالد الجوية": a titled name inside a place's or prize's name (lexicon
        # named_after_heads) is part of that name; it holds no title and fills no role.
        first = ctx.mentions[idx].words[0]
        if first > 2 and starts_head(first - 1) and s.word(first - 2).norm in NAMED_AFTER:
            persons.remove(idx)
            ctx.title_words.update(range(first - 1, ctx.mentions[idx].words[-1] + 1))
    for idx in persons:
        first = ctx.mentions[idx].words[0]
        start = None
        for wid in range(first - 1, max(0, first - rule.max_words - 1), -1):
            w = s.word(wid)
            # A conjunction before a title head joins two people's titles
            # (رئيس اللجنة، والشيخ خالد): the head nearer the name is this one's.
            # Brackets around a body's short name do not end the title: "زعيم جبهة (النصرة) أبو …".
            if (w.upos in ("VERB", "PUNCT") and w.text not in COMMAS and w.text not in BRACKETS) or \
                    (w.upos == "CCONJ" and start is not None) or \
                    (w.upos == "ADP" and w.norm in TITLE_STOPS and not office_link(s, wid)) or \
                    (wid in ctx.by_word and ctx.cls(ctx.by_word[wid]) == "Person") or \
                    chain_ends(wid):
                break
            if is_head(w):
                start = wid
        if start is not None:
            start = token_start(start)
            # A title right after another person's name (past commas) is that person's, in
            # apposition: in "عادل الجبير وزير الخارجية، وخالد العيسى" the minister is al-Jubeir,
            # and "سيغمار غابريال، نائب المستشارة أنجيلا ميركل" names Gabriel's office.
            prev = start - 1
            while prev >= 1 and s.word(prev).text in COMMAS:
                prev -= 1
            if prev in ctx.by_word and ctx.by_word[prev] != idx and ctx.cls(ctx.by_word[prev]) == "Person" \
                    and not _honorific(s, ctx, ctx.by_word[prev]):
                start = None
        last = first - 1
        # A proclitic split off the name's own token (ل of لوران) is not part of the title.
        while start is not None and last >= start and s.word(last).token == s.word(first).token:
            last -= 1
        while start is not None and last >= start and s.word(last).upos == "PUNCT":
            last -= 1
        if start is not None and last >= start:
            found[idx] = (start, last)
    # The spokesman rule: the title runs on to the next person after a comma.
    for idx in list(found):
        start, last = found[idx]
        if not any(s.word(w).norm in ON_BEHALF for w in range(start, last + 1)):
            continue
        m = ctx.mentions[idx]
        later = [j for j in persons if j > idx and 0 < ctx.mentions[j].words[0] - m.words[-1] <= 4]
        if later and any(s.word(w).text in COMMAS for w in range(m.words[-1] + 1, ctx.mentions[later[0]].words[0])):
            speaker = later[0]
            found.pop(speaker, None)
            inner = next((w for w in range(start + 1, last + 1) if is_head(s.word(w))), None)
            found[speaker] = (start, ctx.mentions[speaker].words[0] - 1)
            if inner is not None:
                found[idx] = (inner, last)
            else:
                found.pop(idx)
            ctx.title_words.update(m.words)
    # "محمد سالم وهو متحدث باسم خالد عمر": a title that still ends in باسم names whom the
    # spokesman speaks for; it is not the title of that name.
    for idx in [i for i, (_, last) in found.items() if s.word(last).norm in ON_BEHALF]:
        found.pop(idx)
    # After the name: between commas (جون كيربي، المتحدث باسم الوزارة،), or right after
    # it when the next word is a title head or is followed by باسم (أحمد الصحاف المتحدث باسم).
    n = len(s.words)
    after: dict[int, tuple[int, int]] = {}
    for idx in persons:
        first = ctx.mentions[idx].words[-1] + 1
        # A second title after a name with one before it is a definite head of its own: "الفريق
        # سالم الدباغ القائد العام للجيش" (a rank, then an office).
        # An official named by title and nationality is someone else (التقى الملك عبد الله الرئيس
        # الفرنسي).
        appointed = first <= n and appointed_as(s, ctx.mentions[idx].words[0], s.word(first), rule.heads)
        # A rank or degree alone before the name leaves room for the office after it, without
        # the article ("العقيد منصور الغامدي مدير الجوازات"): both are titles.
        rank_only = idx in found and all(_rank_or_degree(s.word(w).norm)
                                         for w in range(found[idx][0], found[idx][1] + 1))
        if idx in found and not appointed and not rank_only and not (
                first <= n and first not in ctx.by_word and s.word(first).norm.startswith(clitics.ARTICLE)
                and is_head(s.word(first))):
            continue
        # «سالم الحربي» المدير السابق: past the mark that closes a quoted name.
        opened = ctx.mentions[idx].words[0] - 1
        if first < n and opened >= 1 and s.word(opened).text in QUOTE_OPENERS and s.word(first).text in QUOTE_CLOSERS:
            first += 1
        # "X وهو متحدث باسم …", "X وهي رئيسة …": the title after و and a pronoun is X's.
        if first + 2 <= n and s.word(first).upos == "CCONJ" and s.word(first + 1).norm in THIRD_PERSON \
                and starts_head(first + 2):
            first += 2
        if appointed:
            pass  # عينت الحكومة اللواء X قائدا للقوة
        elif first <= n and s.word(first).text in COMMAS:
            if _honorific(s, ctx, idx):
                continue  # "في مكتب سموه، العقيد X": the colonel is X
            first += 1
            if first > n or not starts_head(first):
                continue
        elif first <= n and starts_head(first) and not is_head(s.word(first)):
            pass  # a head the tokeniser split (و + زير): the title starts at its first word
        elif first > n or s.word(first).upos in ("VERB", "PUNCT") or not (
                is_head(s.word(first)) or (first < n and s.word(first + 1).norm in ON_BEHALF)):
            continue
        bare_after_name = s.word(first - 1).text not in COMMAS and not s.word(first).norm.startswith(clitics.ARTICLE) \
            and not appointed
        end = first
        while end + 1 <= min(n, first + rule.max_words - 1):
            nxt = s.word(end + 1)
            closing = quoted_name_end(s, end + 1)
            if closing is not None:  # مدير مركز «أورانج كاونتي»: the quoted name is the title's
                end = closing
                continue
            if s.word(end).norm in ON_BEHALF and end + 1 in ctx.by_word:
                end = ctx.mentions[ctx.by_word[end + 1]].words[-1]  # باسم خالد عمر: whom he speaks for
                break
            if nxt.norm in TITLE_STOPS and s.word(end).norm in COMPLEMENT_HEADS:
                end += 1  # المشرف على البرنامج, المسؤول عن الملف
                continue
            if nxt.upos in ("VERB", "PUNCT", "SCONJ") or nxt.norm in TITLE_STOPS | SUBORDINATORS \
                    or _occasion(s, end + 1) \
                    or (nxt.upos == "NUM" and s.word(end).norm not in NUMBERED_UNITS and not _latin_name(nxt)) \
                    or (end + 1 in ctx.by_word and ctx.cls(ctx.by_word[end + 1]) == "Person") \
                    or (end + 1 not in ctx.by_word and accusative(nxt)):
                break
            end += 1
        if end == first and bare_after_name:
            # One indefinite head right after a name, with nothing after it, is more likely
            # the end of the name (محمد رحيم أمين أن …) than a title.
            continue
        after[idx] = (first, end)
    for idx, (first, last) in sorted([*found.items(), *after.items()]):
        # Commas separate titles (الناطق باسم رئيس الحكومة، اللواء): each part that
        # starts with a head is one; a part without a head (a first name) is not.
        parts: list[list[Word]] = [[]]
        for wid in range(first, last + 1):
            if s.word(wid).text in COMMAS:
                parts.append([])
            else:
                parts[-1].append(s.word(wid))
        parts = [office for part in parts for office in _split_offices(part, is_head)]
        for words in parts:
            # Nor a conjunction or preposition left at the end ("رئيس الائتلاف … من الخطة و").
            while words and (words[-1].upos in ("PUNCT", "CCONJ", "ADP") or words[-1].norm in TITLE_STOPS):
                words.pop()
            while words and words[0].upos == "PRON" and not is_head(words[0]):
                words.pop(0)  # "هو الرئيس عبد الفتاح السيسي": the title starts at its head
            while len(words) > 1 and (words[-1].norm in HONORIFICS or words[-1].norm in RANKS
                                      or words[-1].norm in BARE_RANKS):
                words.pop()  # "وزير الداخلية الكويتي الشيخ محمد": the office, not the honorific
            if len(words) > 2 and words[-1].upos == "ADJ" and _rank_or_degree(words[-2].norm):
                del words[-2:]  # "… حرس الحدود العميد البحري": a rank and its branch
            if not words or not any(is_head(w) for w in words[:2]) or all(w.norm in DEGREES for w in words):
                continue  # no head, or only a degree or form of address (الدكتور)
            # Before a name, an indefinite accusative head (رئيسا غربيا قادما من …) describes; it
            # names no office. After one it may (عيّن X قائدا للقوة).
            head = next(w for w in words[:2] if is_head(w))
            if last < ctx.mentions[idx].words[0] and clitics.indefinite_accusative(head.text, head.norm):
                continue
            title = text[words[0].start:words[-1].end]
            token = s.tokens[words[0].token]
            if words[0].id != token.words[0]:  # للرئيس السابق → ل + لرئيس: "الرئيس السابق"
                title = clitics.restore_elided_alef(s.word(words[0].id - 1).norm, title)
            out.append(Title(ctx.mentions[idx].actor, title, source))
            ctx.title_words.update(w.id for w in words)
            ctx.title_holder.update((w.id, idx) for w in words)
    return out
