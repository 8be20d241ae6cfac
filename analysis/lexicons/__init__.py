"""The project's versioned word lists, and one index of their loaders.

The YAML files in this folder (:data:`analysis.paths.LEXICON_DIR`, defined once) are
data: every entry carries a note saying why it is there. Each is read by one loader,
which validates it and raises :class:`analysis.errors.InputError` naming the file, the
entry and the problem. A loader lives beside the step that uses its fields (the
lexicon's senses beside the matcher, the actor list beside mention finding), and
:data:`LEXICONS` lists them all, so that this module is the one place to look up which
file is read by what::

    from analysis.lexicons import LEXICONS, load
    actors = load("actors")                      # the shipped list
    mine = load("loaded_terms", "my_terms.yaml") # a user's lexicon, validated the same way

``python -m analysis.lexicons`` loads (and so validates) every shipped file.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import check_choice
from analysis.paths import LEXICON_DIR


@dataclass(frozen=True)
class Lexicon:
    """One shipped word list: its file, its loader and what it holds."""

    name: str
    file: str
    loader: str
    holds: str

    @property
    def path(self) -> Path:
        """The shipped file."""
        return LEXICON_DIR / self.file

    def load_function(self):
        """The loader (imported on first use)."""
        module, func = self.loader.rsplit(".", 1)
        return getattr(importlib.import_module(module), func)


LEXICONS = {
    lex.name: lex
    for lex in (
        Lexicon(
            "loaded_terms",
            "loaded_terms.yaml",
            "analysis.extract.loaded_terms.load_lexicon",
            "loaded terms with senses, exclusions, target rules and rationale (--lexicon)",
        ),
        Lexicon(
            "actors",
            "actors.yaml",
            "analysis.extract.actors.load_actors",
            "people, states and institutions with aliases, descriptions and side (--actors)",
        ),
        Lexicon(
            "descriptors",
            "descriptors.yaml",
            "analysis.extract.actors.load_descriptor_words",
            "role nouns and label words that delimit the descriptor before a name",
        ),
        Lexicon(
            "reporting_verbs",
            "reporting_verbs.yaml",
            "analysis.extract.attribution.load_reporting_verbs",
            "reporting and stance verbs with every inflected form, stance and clause type",
        ),
        Lexicon(
            "sentiment_adjustments",
            "sentiment_adjustments.yaml",
            "analysis.extract.sentiment.load_adjustments",
            "political-news valence adjustments to VADER's lexicon (vader_political)",
        ),
        Lexicon(
            "furniture",
            "furniture.yaml",
            "analysis.text.segment.load_furniture",
            "page-furniture phrases (bylines, captions, boilerplate) and the segment they open",
        ),
        Lexicon(
            "abbreviations",
            "abbreviations.yaml",
            "analysis.text.sentences.load_abbreviations",
            "abbreviations the fast sentence splitter never ends a sentence at",
        ),
    )
}
"""Every shipped word list, by name."""


def load(name: str, path: str | Path | None = None):
    """Load and validate one word list.

    Args:
        name: one of :data:`LEXICONS`.
        path: a file of the same shape (default: the shipped one).

    Returns:
        What the list's loader returns (a DataFrame for the lexicon, actors, reporting
        verbs and adjustments; a small frozen structure for the others).

    Raises:
        ValueError: an unknown name (the message lists the valid ones).
        InputError: the file is missing or malformed (names the file and entry).
    """
    check_choice("lexicon", name, LEXICONS)
    lex = LEXICONS[name]
    return lex.load_function()(lex.path if path is None else Path(path))


def load_all() -> dict[str, object]:
    """Every shipped list, loaded (so validated), by name."""
    return {name: load(name) for name in LEXICONS}
