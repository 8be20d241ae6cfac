"""Small read-only helpers for notebooks: raw texts of a results folder's articles."""

from __future__ import annotations

from .corpus import read_articles
from .paths import SEEDS_DIR


def raw_texts(articles_table, folder=SEEDS_DIR) -> dict[str, str]:
    """Raw text per article id for the files listed in an articles table."""
    files = [folder / f for f in articles_table["source_file"]]
    return {a.article_id: a.raw for a in read_articles(files)}
