"""The context of one sentence while its facts are extracted.

It holds the sentence, its mentions and what the steps have learnt about its
words (title phrases, quotations, relative clauses), and answers the questions
the role strategies ask of the parse: a mention's head, the preposition that
governs it, which side of a quotation a word stands on. It holds no reference
back to the extraction: the actors' classes come in with ``actors``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..document import Sentence, Word
from ..facts import Actor, Mention
from ..gazetteer import Gazetteer
from ..lang.ar import clitics as clitics_
from ..lang.ar import lexicon, normalize_ar, proclitic_variants
from .steps import ArticleState, SentenceState, SentenceStep

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import Cues

QUOTE_MARKS = set('"“”«»')
COMMAS = lexicon.words("commas")
SENTENCE_BREAK = lexicon.words("sentence_breaks")
RELATIVES = lexicon.words("relatives")
PLACE_NOUNS = lexicon.words("place_nouns")
WHOLE_NOUNS = lexicon.words("whole_nouns")
PARTITIVES = lexicon.words("partitives")
PARTITIVE_OF = normalize_ar("من")
CLOSE_TO = lexicon.words("close_to")
GROUP_NOUNS = lexicon.words("group_nouns")
GOVERNING_LETTERS = frozenset(clitics_.GOVERNING)
TATWEEL = "\u0640"
AMONG_LINKS = frozenset(w.replace(" ", "") for w in lexicon.words("among_links"))


def opens_quotation(s: Sentence, wid: int) -> bool:
    """A quote mark that opens a quotation (speech), not one around a short
    name such as “داعش” or “فيلق القدس”."""
    mark = s.word(wid).text
    if mark not in QUOTE_MARKS or mark in "”»":
        return False
    if mark == '"' and sum(1 for w in s.words[:wid - 1] if w.text == '"') % 2 == 1:
        return False  # the closing one of a pair
    for n, other in enumerate(range(wid + 1, len(s.words) + 1)):
        if s.word(other).text in QUOTE_MARKS:
            return n > 4
    return len(s.words) - wid > 4



class SentenceContext:
    def __init__(self, sentence: Sentence, mentions: list[Mention], actors: dict[str, Actor],
                 cues: Cues, gazetteer: Gazetteer) -> None:
        self.actors = actors  # the article's actors, by IRI (read only here)
        self.cues = cues  # the rule set's cue words (attribution, locative …)
        self.gazetteer = gazetteer
        self.sentence = sentence
        self.mentions = mentions  # mentions of this sentence, in order
        self.title_words: set[int] = set()  # words inside a title phrase (رئيس الحكومة العراقية …)
        self.title_holder: dict[int, int] = {}  # a title word -> the mention of the title's holder
        # Words inside a quotation (what was said), mapped to the quotation's number. A role
        # filler and its trigger must be on the same side: the speaker stands outside what
        # he said, and an event reported inside a quotation takes its actors from it.
        self.by_word: dict[int, int] = {}
        for i, m in enumerate(mentions):
            for wid in m.words:
                self.by_word[wid] = i
        self.quote_of: dict[int, int] = {}
        wid = 1
        while wid <= len(sentence.words):
            if opens_quotation(sentence, wid):
                end = next((o for o in range(wid + 1, len(sentence.words) + 1)
                            if sentence.word(o).text in QUOTE_MARKS), len(sentence.words) + 1)
                # Marks around one long name are no quotation: in "«المرصد السوري لحقوق
                # الإنسان» أعلن …" the observatory speaks.
                if not self._one_name(wid + 1, end):
                    self.quote_of.update((o, wid) for o in range(wid + 1, end))
                wid = end
            wid += 1

    def _one_name(self, start: int, end: int) -> bool:
        """Words ``start`` … ``end - 1`` are all one mention's, up to its end."""
        first = self.by_word.get(start)
        return end <= len(self.sentence.words) and first is not None \
            and set(range(start, end)) <= set(self.mentions[first].words) \
            and self.mentions[first].words[-1] == end - 1

    def relative_span(self, wid: int) -> tuple[int, int] | None:
        """The relative clause between commas that word ``wid`` lies in, as (first, last) word:
        "، الذي يشغل المنصب منذ 1998،"."""
        s = self.sentence
        commas = [w.id for w in s.words if w.text in COMMAS]
        for c in commas:
            if c < wid and c + 1 <= len(s.words) and s.word(c + 1).norm in RELATIVES:
                end = next((x for x in commas if x > c), len(s.words) + 1)
                if wid < end:
                    return c, end
        return None

    def same_side(self, trigger: int, words: Iterable[int]) -> bool:
        """All of ``words`` are in the trigger's quotation, or outside quotations as it is."""
        side = self.quote_of.get(trigger)
        return all(self.quote_of.get(w) == side for w in words)

    def side_of_span(self, start: int, end: int) -> int | None:
        """The quotation that a character span (a date) lies in, if any."""
        return next((q for w, q in self.quote_of.items()
                     if self.sentence.word(w).start < end and start < self.sentence.word(w).end), None)

    def in_brackets(self, index: int) -> bool:
        """The mention stands inside brackets, as an aside: "في نجامينا (تشاد)", "(الرئيس
        التشادي)". Not the group's own name in brackets after its group noun (lexicon
        ``group_nouns``): in "مسلحون من تنظيم (داعش)" the bracket names the attackers."""
        m, s = self.mentions[index], self.sentence
        before = ["(" if w.text == "(" else ")" for w in s.words[:m.words[0] - 1] if w.text in "()"]
        if not before or before[-1] != "(":
            return False
        first, last = m.words[0], m.words[-1]
        if first >= 3 and s.word(first - 1).text == "(" and last < len(s.words) and s.word(last + 1).text == ")":
            noun = s.word(first - 2).norm
            return clitics_.strip_conjunction(noun) not in GROUP_NOUNS and noun not in GROUP_NOUNS
        return True

    def cls(self, index: int) -> str:
        m = self.mentions[index]
        return "Place" if m.as_place else self.actors[m.actor].cls

    def head_of(self, index: int) -> Word:
        """The mention's syntactic head: its word whose head lies outside it."""
        m = self.mentions[index]
        for wid in m.words:
            w = self.sentence.word(wid)
            if w.head not in m.words:
                return w
        return self.sentence.word(m.words[0])

    def subtree(self, wid: int, limit: int = 12, deprels: tuple[str, ...] | None = None) -> set[int]:
        out, todo = {wid}, [wid]
        while todo:
            cur = todo.pop()
            for child in self.sentence.children(cur):
                if deprels is not None and not child.deprel.startswith(deprels):
                    continue
                if child.id not in out and abs(child.id - wid) <= limit:
                    out.add(child.id)
                    todo.append(child.id)
        return out

    def mentions_in(self, words: set[int]) -> list[int]:
        return sorted({self.by_word[w] for w in words if w in self.by_word})

    def preposition(self, index: int, after: int = 0, phrase: bool = False) -> str | None:
        """The preposition governing a mention: a `case` child, a proclitic of its first token, or the
        word before a title phrase (من وزير الخارجية الأمريكي مايك بومبيو), looking back no further
        than word ``after``, the trigger. With ``phrase``, the preposition of the noun phrase the
        mention ends ("باشتباكات شمال بوروندي": Burundi is inside a prepositional phrase, though ب
        governs اشتباكات, not Burundi)."""
        m = self.mentions[index]
        s = self.sentence
        among = self._among_link(m.words[0])
        if among is not None:
            return self._list_preposition(among, after)
        head = self.head_of(index)
        for child in s.children(head.id):
            if child.deprel == "case" and child.id not in m.words:  # not ب of بنيامين
                return None if self.partitive(child.id) else child.norm
        first = s.word(m.words[0])
        token = s.tokens[first.token]
        clitics = [s.word(w) for w in token.words if w < first.id and s.word(w).upos == "ADP"]
        if clitics:
            return clitics[-1].norm
        # An unsplit proclitic: بالعراق, لبغداد (the gazetteer matched the name inside the word).
        glued = clitics_.governing_preposition(first.norm)
        if glued is not None:
            return glued
        for wid in range(first.id - 1, max(after, first.id - 6), -1):
            w = s.word(wid)
            # A one-letter preposition written apart with a tatweel (لـ, بـ) right before the name
            # or its opening quote mark is one whatever its tag: "ويقول لـ«الشرق الأوسط»"
            # addresses the paper (not the speaker after it: أوضح لـ"الاقتصادية" أبو محمد).
            if w.upos == "ADP" or (w.norm in GOVERNING_LETTERS and w.text.endswith(TATWEEL)
                                   and all(s.word(k).text in QUOTE_MARKS for k in range(wid + 1, first.id))):
                return None if self.partitive(wid) else w.norm
            if w.text in QUOTE_MARKS:  # لـ«الشرق الأوسط»
                continue
            if w.norm in PLACE_NOUNS or w.norm in WHOLE_NOUNS:  # في مدينة حلب, على مجمل منطقة الساحل
                continue
            stem = next((v for v in proclitic_variants(w.norm)[1:] if v in PLACE_NOUNS), None)
            if stem is not None and len(w.norm) > len(stem) and w.norm.endswith(stem) \
                    and w.norm[-len(stem) - 1] in clitics_.PREPOSITIONS:  # بمدينة حلب, unsplit
                return w.norm[-len(stem) - 1]
            # A pronoun completes the phrase before it: in "توصلت إليه إيران" Iran has no إلى.
            if w.upos in ("VERB", "PUNCT", "CCONJ", "SCONJ", "PRON") or wid in self.by_word or \
                    not (phrase or wid in self.title_words):
                break
        return None

    def _among_link(self, first: int) -> int | None:
        """The first word of a link that puts a name among a list (lexicon ``among_links``: من
        بينها, بما فيها, ومنها) right before word ``first`` (past place nouns: من بينها العاصمة
        صنعاء), if any."""
        s = self.sentence
        wid = first - 1
        while wid >= 1 and s.word(wid).norm in PLACE_NOUNS and wid not in self.by_word:
            wid -= 1
        joined = ""
        for k in range(wid, max(0, wid - 4), -1):
            joined = s.word(k).norm + joined
            if joined in AMONG_LINKS:
                return k
        return None

    def _list_preposition(self, link: int, after: int) -> str | None:
        """The preposition of the list a link (من بينها) follows: على in "سيطروا على مناطق عدة
        من بينها صنعاء"; None when the list is free (قصفت مدنا عدة من بينها حلب)."""
        s = self.sentence
        for wid in range(link - 1, max(after, link - 5), -1):
            w = s.word(wid)
            if w.upos == "ADP":
                return None if self.partitive(wid) else w.norm
            if w.upos not in ("NOUN", "ADJ", "X", "NUM") or wid in self.by_word:
                break
            glued = clitics_.governing_preposition(w.norm)
            if glued is not None:
                return glued
        return None

    def partitive(self, wid: int) -> bool:
        """Word ``wid`` is the من of a part (lexicon ``partitives``, or a number): in "فر عشرات
        من مقاتلي التنظيم" the fighters are the subject, not governed by a preposition."""
        s = self.sentence
        if wid <= 1 or s.word(wid).norm != PARTITIVE_OF:
            return False
        before = s.word(wid - 1)  # a quantity noun or a number: عشرات من, خمسة من جنود الجيش
        # (the whole token too: the tokenizer may split وفد into و + فد)
        return before.norm in PARTITIVES or s.tokens[before.token].norm in PARTITIVES or before.upos == "NUM"

    def close_to(self, index: int) -> bool:
        """The mention follows "مقرب من" (lexicon ``close_to``), past a title or adjective of a
        few words: in "مصدر مقرب من الفرنسي ميشال بلاتيني" the source speaks, not Platini."""
        first, s = self.mentions[index].words[0], self.sentence
        for k in range(first - 1, max(1, first - 5), -1):
            w = s.word(k)
            if w.upos in ("VERB", "PUNCT") or k in self.by_word:
                return False
            if w.norm == PARTITIVE_OF:
                return s.word(k - 1).norm in CLOSE_TO
        return False

    def new_conjunct(self, wid: int) -> bool:
        """Word ``wid`` is a comma that starts a new conjunct: a conjunction, then a noun or
        verb outside any name ("تفجير في حلب، ومقتل جندي في إدلب"), not a listed name or
        place ("، وقاسم سليماني"; "، وفي حلب")."""
        s = self.sentence
        if s.word(wid).text not in COMMAS or wid + 2 > len(s.words) or s.word(wid + 1).upos != "CCONJ":
            return False
        nxt = s.word(wid + 2)
        return nxt.upos in ("NOUN", "VERB") and wid + 2 not in self.by_word

    def is_break(self, word: Word) -> bool:
        return word.upos == "PUNCT" and word.text in SENTENCE_BREAK


def in_quoted_name(s: Sentence, wid: int) -> bool:
    """Word ``wid`` stands inside quote marks around a few words (a name: «فجر ليبيا»,
    "عاصفة الحزم"), not inside a quotation of speech."""
    before = next((w for w in range(wid - 1, max(0, wid - 5), -1) if s.word(w).text in QUOTE_MARKS), None)
    after = next((w for w in range(wid + 1, min(len(s.words), wid + 4) + 1) if s.word(w).text in QUOTE_MARKS), None)
    return before is not None and after is not None and not opens_quotation(s, before) \
        and s.word(before).text not in "”»" and after - before - 1 <= 4


class BuildContext(SentenceStep):
    """The sentence's context, over its mentions."""

    name = "context"
    requires = frozenset({"sentence_mentions"})
    provides = frozenset({"context"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        sent.ctx = SentenceContext(sent.sentence, sent.mentions, state.actors, self.rules.cues,
                                   self.rules.gazetteer)
