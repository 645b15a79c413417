"""kg: Arabic news articles to a knowledge graph.

The pipeline's stages, in order, one module each: ``ingest`` → ``nlp`` →
``rules`` (with ``gazetteer``, ``quantities``, ``dates``) → ``graph`` →
``outputs`` (``viewer``, ``query``, ``validate``, ``serve``).
"""
__version__ = "0.1.0"
