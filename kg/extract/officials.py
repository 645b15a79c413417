"""Unnamed officials, who stand for their country: "الرئيس المصري", "وزير الخارجية
الأمريكي" (when no name follows) act for Egypt, the US. A sentence step after the
article's mentions (:mod:`.mentions`)."""
from __future__ import annotations

from ..document import Sentence
from ..facts import Mention
from ..lang.ar import clitics
from .mentions import body_of
from .steps import ArticleState, SentenceState, SentenceStep
from .titles import TITLE_STOPS, office_link


class Officials(SentenceStep):
    """The sentence's mentions, with unnamed officials, who stand for their country:
    "الرئيس المصري", "وزير الخارجية الأمريكي" (when no name follows) act for Egypt, the US,
    unless the next sentences give the same title with a name (:func:`_named_next`)."""

    name = "officials"
    requires = frozenset({"actors", "mentions"})
    provides = frozenset({"sentence_mentions"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        s = sent.sentence
        mentions = [m for m in state.mentions if m.sentence == s.index]
        officials = self._officials(state, s, mentions)
        if officials:
            state.mentions.extend(officials)
            mentions = sorted(mentions + officials, key=lambda m: m.start)
        sent.mentions = mentions

    @staticmethod
    def _name_follows(sent: Sentence, dem: int, person_words: set[int]) -> bool:
        """A person's name ends the title after its demonym: right after it (room for a split
        first name), past an envoy's place ("المبعوث البريطاني الجديد إلى اليمن جون هارلو") or
        past a second title joined by و ("نائب وزير الخارجية التركي وكبير المفاوضين سليم
        أوزدمير")."""
        longer = False
        for wid in range(dem + 1, min(len(sent.words), dem + 8) + 1):
            w = sent.word(wid)
            if wid in person_words:
                return True
            longer = longer or office_link(sent, wid) or (w.upos == "CCONJ" and wid == dem + 1)
            if w.upos in ("VERB", "PUNCT") or (w.norm in TITLE_STOPS and not longer) or (wid > dem + 3 and not longer):
                return False
        return False

    def _officials(self, state: ArticleState, sent: Sentence, mentions: list[Mention]) -> list[Mention]:
        heads, gazetteer = self.rules.titles.heads, self.rules.gazetteer
        taken = {w for m in mentions for w in m.words}
        person_words = {w for m in mentions if state.actors[m.actor].cls == "Person" for w in m.words}
        out: list[Mention] = []
        n = len(sent.words)
        for w in sent.words:
            form = w.norm
            if w.id in taken or not ({form, clitics.without_article(form), w.lemma_norm} & heads):
                continue
            for dem in range(w.id + 1, min(n, w.id + 3) + 1):
                # A conjunction ends the title: in "قال مسؤولون إن البنوك اليونانية" the
                # demonym is the banks'.
                if dem in taken or sent.word(dem).upos in ("VERB", "PUNCT", "SCONJ", "CCONJ"):
                    break
                entry = gazetteer.demonym(sent.word(dem).text)
                if entry is None:
                    continue
                if self._name_follows(sent, dem, person_words):
                    break  # a name follows: the title belongs to that person
                ids = tuple(range(w.id, dem + 1))
                holder = _named_next(state, sent, ids)
                if holder is None:
                    entry = body_of(gazetteer, self.rules.titles.members.get(w.norm, []), entry)
                    state.ensure_actor(entry)
                    holder = entry.iri
                start, end = w.start, sent.word(dem).end
                out.append(Mention(holder, sent.index, start, end, state.text[start:end], ids))
                taken.update(ids)
                break
        return out


NAMED_NEXT_REACH = 2  # sentences ahead where the same title may come with its holder's name
NAME_AFTER_TITLE = 6  # words from the title to the name (room for an envoy's place)


def _named_next(state: ArticleState, sent: Sentence, ids: tuple[int, ...]) -> str | None:
    """The person the same title names in the next sentences: a headline's "المبعوث البريطاني
    الجديد أكد …" is the "المبعوث البريطاني الجديد إلى اليمن جون هارلو" of the lede, not the
    United Kingdom."""
    words = [sent.word(i).norm for i in ids]
    for later in state.doc.sentences[sent.index + 1:sent.index + 1 + NAMED_NEXT_REACH]:
        persons = {w: m.actor for m in state.mentions if m.sentence == later.index
                   and state.actors[m.actor].cls == "Person" for w in m.words}
        n = len(later.words)
        for k in range(1, n - len(words) + 2):
            if [later.word(k + j).norm for j in range(len(words))] != words:
                continue
            for wid in range(k + len(words), min(n, k + len(words) + NAME_AFTER_TITLE) + 1):
                if wid in persons:
                    return persons[wid]
                if later.word(wid).upos in ("VERB", "PUNCT"):
                    break
    return None
