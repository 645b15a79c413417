"""Arabic: normalisation, clitics and the closed-class lexicon, in one package.

- :mod:`.normalize`: :func:`normalize_ar` (the key every comparison uses),
  :func:`fold_digits`, :func:`arabic_ratio`;
- :mod:`.clitics`: proclitics, the article, pronoun suffixes, the future prefix;
- :mod:`.lexicon`: word lists (``data/lexicon.yaml``), each with its examples.

The character tables and word lists are data in ``kg/lang/ar/data/``.
"""
from . import clitics, lexicon
from .clitics import proclitic_variants, strip_article
from .normalize import arabic_ratio, fold_digits, normalize_ar

__all__ = ["arabic_ratio", "clitics", "fold_digits", "lexicon", "normalize_ar", "proclitic_variants",
           "strip_article"]
