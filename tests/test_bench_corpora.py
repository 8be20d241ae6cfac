"""The test-corpus builders in bench/corpora.py."""

import pandas as pd
import pytest

from analysis.pipeline import analyze
from bench.corpora import BABE_CSV, babe_corpus, synthetic_corpus


def test_synthetic_corpus_is_seeded_and_sized(tmp_path):
    a = synthetic_corpus(tmp_path / "a", events=4, outlets=3, articles_per_outlet=2, seed=7)
    b = synthetic_corpus(tmp_path / "b", events=4, outlets=3, articles_per_outlet=2, seed=7)
    files = sorted(p.name for p in a.glob("*.txt"))
    assert len(files) == 4 * 3 * 2
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    meta = pd.read_csv(a / "metadata.csv", dtype=str)
    assert meta["event"].nunique() == 4 and meta["outlet"].nunique() == 3


@pytest.mark.slow
def test_auto_events_recover_synthetic_events(tmp_path):
    folder = synthetic_corpus(tmp_path, events=5, outlets=3, articles_per_outlet=1, seed=1)
    t = analyze([folder], settings={"events": "auto"}).tables
    sens = t["event_threshold_sensitivity"].set_index("threshold")
    assert sens.loc[0.2, "n_events"] == 5
    assert sens.loc[0.2, "ari_vs_metadata"] == 1.0
    # the house line each outlet repeats is furniture, not a link between its stories
    assert t["events"]["n_outlets"].tolist() == [3] * 5


def test_babe_corpus_groups_sentences_by_article(tmp_path):
    if not BABE_CSV.is_file():
        pytest.skip(f"BABE absent ({BABE_CSV}); see data/external/README.md")
    folder = babe_corpus(tmp_path)
    meta = pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False)
    src = pd.read_csv(BABE_CSV, sep=";", dtype=str, encoding="utf-8-sig")
    assert len(meta) == src["news_link"].nunique()
    assert set(meta["event"]) == set(src["topic"])
    one = meta.iloc[0]
    n_sent = (src["news_link"] == one["url"]).sum()
    text = (folder / one["source_file"]).read_text(encoding="utf-8")
    assert text.count("\n\n") == n_sent - 1


def test_babe_corpus_absent_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="BABE is absent"):
        babe_corpus(tmp_path, source=tmp_path / "missing.csv")
