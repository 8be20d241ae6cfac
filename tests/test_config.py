"""Tests of analysis.config: the one settings object of a run."""

from pathlib import Path

import pytest

from analysis.config import Resources, Settings
from analysis.pipeline import Context


def test_from_options_fills_defaults_and_drops_none():
    s = Settings.from_options({"events": "auto", "lexicon": None, "event_threshold": "0.3"})
    assert s.events == "auto" and s.lexicon is None and s.event_threshold == 0.3
    assert s.format == "auto" and s.duplicates == "error" and s.max_file_mb == 5.0


def test_unknown_setting_lists_the_valid_names():
    with pytest.raises(ValueError, match="setting must be one of lexicon, actors, events"):
        Settings.from_options({"lexikon": "x.yaml"})


def test_bad_choice_lists_the_valid_values():
    with pytest.raises(ValueError, match="events must be one of single, column, auto"):
        Settings(events="clusters")
    with pytest.raises(ValueError, match="format must be one of auto, csv, parquet"):
        Settings(format="xlsx")


def test_paths_are_paths_and_record_is_plain():
    s = Settings(lexicon="my.yaml")
    assert s.lexicon == Path("my.yaml")
    assert s.as_record()["lexicon"] == "my.yaml"
    assert s.replace(strict=True).strict and not s.strict


def test_resources_read_once_and_follow_the_settings():
    ctx = Context(articles=[])
    first = ctx.resources
    assert ctx.resources is first  # cached
    assert "strongman" in set(first.lexicon["term"])
    assert first.lexicon is first.lexicon  # the file is read once
    ctx.settings = ctx.settings.replace(events="auto")
    assert ctx.resources is not first  # new settings, new resources
    assert isinstance(ctx.resources, Resources)
