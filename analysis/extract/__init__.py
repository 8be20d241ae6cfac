"""Layer 2, extract: per-article facts found in the text.

Actors and their mentions, speech (quotations, speakers, reported speech, voice),
loaded-term matches and sentence sentiment. Uses :mod:`analysis.text` only.
"""
