from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.lexicons import LEXICONS, load, load_all
from analysis.paths import LEXICON_DIR


def test_every_shipped_file_has_one_loader_and_loads():
    shipped = sorted(p.name for p in LEXICON_DIR.glob("*.yaml"))
    assert shipped == sorted(lex.file for lex in LEXICONS.values())
    loaded = load_all()
    # counts read off the files: 30 loaded terms, 17 actors
    assert len(loaded["loaded_terms"]) == 30 and len(loaded["actors"]) == 17
    assert "strongman" in set(loaded["loaded_terms"]["term"])
    assert "putin" in set(loaded["actors"]["actor"])


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(
        ValueError, match="lexicon must be one of loaded_terms, actors, .*; got 'verbs'"
    ):
        load("verbs")


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_a_malformed_copy_is_refused_naming_the_file(name, tmp_path):
    bad = Path(tmp_path) / f"{name}.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load(name, bad)
    assert str(bad) in str(err.value) or bad.name in str(err.value)
