"""Shared fixtures: the seed corpus analysed once per test session."""

from __future__ import annotations

import pytest

from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyze
from analysis.text.corpus import read_articles


@pytest.fixture(scope="session")
def seed_articles():
    return {a.article_id: a for a in read_articles([SEEDS_DIR])}


@pytest.fixture(scope="session")
def seed_ctx():
    """Every table of the seed run, in memory (nothing written)."""
    return analyze([SEEDS_DIR], settings={})


@pytest.fixture(scope="session")
def seed_tables(seed_ctx):
    return seed_ctx.tables


@pytest.fixture(scope="session")
def raw(seed_ctx):
    return seed_ctx.raw
