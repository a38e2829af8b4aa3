"""Text helpers that sit below the rules, one module per idea: ``tokens`` (words, stems, stopwords,
name shapes, IDF), ``scripts`` (writing systems), ``glossary`` (the TSV tables), ``positions``
(offsets to lines and columns), and the measures built on them (``crosslingual``, ``claims``,
``specificity``, ``source_match``, ``rarity``, ``damage``, ``literals``, ``casefold``).

Rules import from here; nothing here imports a rule, the engine or a renderer.
"""
