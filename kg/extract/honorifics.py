"""Honorific pronouns (:class:`HonorificPronouns`): "سموه", "معاليه", "سعادته" (his
highness, his excellency) stand for the person the article last introduced with that
honorific (سمو الأمير خالد بن سعد … وأكد سموه), as Gulf news writes it again and again.
The honorific words are data (lexicon ``honorific_addresses``)."""
from __future__ import annotations

from ..document import Sentence, Word
from ..facts import Mention
from ..lang.ar import clitics, lexicon
from .mentions import Resolver
from .steps import ArticleState, ArticleStep

HONOURS = lexicon.words("honorific_addresses")
# How far before a name its honorific may stand: "صاحب السمو الملكي الأمير محمد".
REACH = 3


def honour_of(word: Word) -> str | None:
    """The honorific a word is, without the article (السمو → سمو), or None."""
    base = clitics.strip_article(word.norm)
    for form in (base, clitics.unbound_taa(base)):  # سعادت + ه split by the tokeniser
        if form in HONOURS:
            return form
    return None


def pronoun_honour(sent: Sentence, word: Word) -> tuple[str, tuple[int, ...]] | None:
    """The honorific and the word ids of an honorific pronoun: سمو + ه split by the tokeniser,
    or one word سموه."""
    token = sent.tokens[word.token]
    if honour_of(word) and not word.norm.startswith(clitics.ARTICLE) and word.id < len(sent.words):
        nxt = sent.word(word.id + 1)
        if nxt.token == word.token and nxt.upos == "PRON" and nxt.id == token.words[-1]:
            return honour_of(word), (word.id, nxt.id)
    if len(token.words) == 1:
        base = next((stem for stem in clitics.possessed_stems(word.norm) if stem in HONOURS), None)
        if base is not None:
            return base, (word.id,)
    return None


class HonorificPronouns(ArticleStep):
    """An honorific pronoun names the person last introduced with that honorific: "رعى صاحب
    السمو الأمير خالد بن سعد الحفل … وأكد سموه أن …" (Khalid speaks). A person is introduced
    when the honorific, with or without the article, stands at most three words before the
    first word of their mention. An honorific pronoun with no such person names no one."""

    name = "honorific_pronouns"
    requires = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        by_sentence: dict[int, list[Mention]] = {}
        for m in state.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        honoured: dict[str, str] = {}  # honorific → the person's IRI
        added: list[Mention] = []
        for sent in state.doc.sentences:
            mentions = by_sentence.get(sent.index, [])
            taken = {w for m in mentions for w in m.words}
            starts = {m.words[0]: m for m in mentions if m.words and state.actors[m.actor].cls == "Person"}
            for w in sent.words:
                if w.id in taken:
                    continue
                pronoun = pronoun_honour(sent, w)
                if pronoun is not None:
                    honour, ids = pronoun
                    if honour in honoured:
                        added.append(Resolver._mention(sent, honoured[honour], ids, state.doc, False))
                        taken.update(ids)
                    continue
                honour = honour_of(w)
                person = next((starts[k] for k in range(w.id + 1, w.id + REACH + 1) if k in starts), None)
                if honour and person is not None:
                    honoured[honour] = person.actor
        if added:
            state.mentions.extend(added)
            state.mentions.sort(key=lambda m: (m.sentence, m.start))
