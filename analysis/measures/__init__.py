"""Layer 3, measures: corpus-wide statistics built on the extracted tables.

Rates and intervals, sources and verbs, keyness, coverage, reuse, collocations and the
outlet-within-event comparisons. Uses :mod:`analysis.text` and :mod:`analysis.extract`.
"""
