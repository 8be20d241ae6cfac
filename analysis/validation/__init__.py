"""Benchmark checks of every method against public human annotation (``data/external``)."""
