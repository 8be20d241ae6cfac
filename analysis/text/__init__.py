"""Layer 1, text: reading the corpus, segmentation, quotation marks, sentences, events.

Nothing here knows about actors, lexicons of loaded terms or outlets' framing.
"""
