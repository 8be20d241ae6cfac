import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.paths import folders_with
from analysis.viz import figures
from analysis.viz.figures import (
    OKABE_ITO,
    figures_readme,
    outlet_colors,
    save_figure,
    set_outlet_order,
)


@pytest.fixture
def figdir(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    return tmp_path


def _fig():
    figures.style()
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("test")
    return fig


def test_save_figure_writes_all_formats_deterministically(figdir):
    table = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    save_figure(
        _fig(), "test-figure", caption="A caption.", table=table, source="t", notebook="99-x"
    )
    first = {p.name: p.read_bytes() for p in figdir.iterdir()}
    assert set(first) == {f"test-figure.{e}" for e in ("png", "svg", "pdf", "csv", "json")}
    save_figure(
        _fig(), "test-figure", caption="A caption.", table=table, source="t", notebook="99-x"
    )
    second = {p.name: p.read_bytes() for p in figdir.iterdir()}
    assert first == second
    meta = json.loads(first["test-figure.json"])
    assert meta["caption"] == "A caption." and meta["source_table"] == "results/t.csv"
    assert meta["notebook"] == "notebooks/99-x.ipynb"
    assert "test-figure" in figures_readme(figdir)
    assert b"CreationDate" not in first["test-figure.pdf"]


def test_figure_id_must_be_kebab(figdir):
    with pytest.raises(ValueError, match="kebab-case"):
        save_figure(_fig(), "Bad_Name", caption="c", table=pd.DataFrame(), source="t")
    with pytest.raises(ValueError, match="choose from png, svg, pdf"):
        save_figure(
            _fig(), "ok-name", caption="c", table=pd.DataFrame(), source="t", formats=("gif",)
        )


def test_one_colour_per_outlet_everywhere():
    set_outlet_order(["IRIA", "Breitbart", "Kyiv Independent"])
    full = outlet_colors()
    assert full["IRIA"] == OKABE_ITO[0] and full["Kyiv Independent"] == OKABE_ITO[2]
    # a subset keeps each outlet's colour
    assert outlet_colors(["Kyiv Independent"])["Kyiv Independent"] == OKABE_ITO[2]
    assert len(set(full.values())) == len(full)
    set_outlet_order([])


def test_readme_skips_settings_of_source_tables(figdir):
    table = pd.DataFrame({"x": [1]})
    table.attrs["prior"] = 0.01
    save_figure(_fig(), "with-settings", caption="c", table=table, source="t")
    assert (figdir / "with-settings.settings.json").exists()
    assert "with-settings" in figures_readme(figdir)


def test_source_table_path_normalised(figdir):
    meta = save_figure(
        _fig(), "src-norm", caption="c", table=pd.DataFrame(), source="results/x.csv"
    )
    assert meta["source_table"] == "results/x.csv"


def test_annotated_heatmap_labels_cells_and_ticks():
    fig, ax = plt.subplots()
    im = figures.annotated_heatmap(
        ax,
        [[0.0, 2.0], [1.0, 4.0]],
        [["0", None], ["1", "4"]],
        colors=[["0.55", "black"], ["white", "black"]],
        xticklabels=["x1", "x2"],
        yticklabels=["r1", "r2"],
        vmin=0,
        yfontsize=6,
    )
    texts = {(t.get_position(), t.get_text()): t.get_color() for t in ax.texts}
    assert texts == {((0, 0), "0"): "0.55", ((0, 1), "1"): "white", ((1, 1), "4"): "black"}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x1", "x2"]
    assert [t.get_fontsize() for t in ax.get_yticklabels()] == [6, 6]
    assert im.get_clim() == (0.0, 4.0) and im.get_array()[1, 1] == 4.0
    plt.close(fig)


def test_plain_table_drops_index_and_settings():
    t = pd.DataFrame({"a": [1, 2]}, index=[5, 7])
    t.attrs["setting"] = 1
    out = figures.plain_table(t)
    assert out.index.tolist() == [0, 1] and out.attrs == {} and t.attrs == {"setting": 1}


SEED_OUTLETS = ["IRIA", "Breitbart", "Kyiv Independent", "BBC (republished)", "ViewUS Global"]


def test_slugs_keep_letters_of_every_script():
    from analysis.viz.figures import is_kebab, slug

    # before: every one of these gave "" (only a-z, 0-9 were kept)
    assert slug("Коммерсантъ") == "коммерсантъ"
    assert slug("新华社") == "新华社"
    assert slug("الجزيرة") == "الجزيرة"
    assert slug("Новая газета") == "новая-газета"
    for name in ("Коммерсантъ", "新华社", "الجزيرة", "हिन्दी समाचार", "A/B"):
        assert is_kebab(slug(name)), name


def test_slugs_never_empty_and_bounded():
    from analysis.viz.figures import name_hash, slug

    assert name_hash("!!!") == "e84c53"  # sha256("!!!")[:6]
    assert slug("!!!") == "e84c53" and slug("—") == name_hash("—")
    long = "The Extremely Long Name of a Regional Weekly Newspaper and Its Supplements"
    assert slug(long) == "the-extremely-long-name-of-a-regional-we-" + name_hash(long)
    assert len(slug("ж" * 300)) == 40 + 1 + 6


def test_unique_slugs_separate_colliding_names():
    from analysis.viz.figures import name_hash, unique_slugs

    got = unique_slugs(["A/B", "a b", "Коммерсантъ"])
    # before: both "A/B" and "a b" were "a-b", one outlet's figures overwrote the other's
    assert got == {
        "A/B": "a-b-" + name_hash("A/B"),
        "a b": "a-b-" + name_hash("a b"),
        "Коммерсантъ": "коммерсантъ",
    }
    assert name_hash("A/B") == "998d3e" and name_hash("a b") == "c8687a"
    assert unique_slugs(["a b", "Коммерсантъ", "A/B"]) == got  # order does not matter
    # a name that happens to equal another's hashed slug still gets a distinct id
    clash = unique_slugs(["A/B", "a b", "a-b-998d3e"])
    assert len(set(clash.values())) == 3


def test_seed_outlet_slugs_unchanged():
    from analysis.viz.figures import unique_slugs

    assert unique_slugs(SEED_OUTLETS) == {
        "IRIA": "iria",
        "Breitbart": "breitbart",
        "Kyiv Independent": "kyiv-independent",
        "BBC (republished)": "bbc-republished",
        "ViewUS Global": "viewus-global",
    }


def test_save_figure_accepts_unicode_ids(figdir):
    fig = _fig()
    save_figure(
        fig,
        "keyness-коммерсантъ-authorial",
        caption="c",
        table=pd.DataFrame({"a": [1]}),
        source="keyness",
    )
    plt.close(fig)
    assert (figdir / "keyness-коммерсантъ-authorial.png").exists()
    for bad in ("Keyness-X", "a--b", "-a", "a_b", "a b", ""):
        with pytest.raises(ValueError, match="kebab-case"):
            save_figure(_fig(), bad, caption="c", table=pd.DataFrame(), source="x")


def test_frame_html_for_readers():
    import pandas as pd

    from analysis.viz.figures import frame_html

    df = pd.DataFrame({"outlet": ["<b>X</b>", "Y"], "z": [1.5, float("nan")]}, index=[3, 7])
    html = frame_html(df)
    assert "NaN" not in html and "—" in html  # missing values
    assert ">3<" not in html and ">7<" not in html  # gappy row numbers left out
    assert "&lt;b&gt;X&lt;/b&gt;" in html  # text escaped
    named = frame_html(df.set_index("outlet"))
    assert "&lt;b&gt;X&lt;/b&gt;" in named and "<th>outlet</th>" in named.replace("\n", "")


def test_nine_points_at_the_shown_width_and_human_actor_labels():
    """Issue 14: 9 pt at 100 px per inch of shown width is 12.5 CSS px; actor ids are
    shown by their actor-list names (seed list: kim_jong_un -> Kim Jong Un)."""
    from analysis.extract.actors import actor_label, actor_labels

    assert figures.MIN_TEXT_PX == 12.5 and figures.SMALL_PT == 9.0
    assert actor_label("kim_jong_un") == "Kim Jong Un"
    assert actor_label("putin") == "Vladimir Putin"
    assert actor_labels(["someone_new", "(unresolved)"]) == {
        "someone_new": "Someone New",
        "(unresolved)": "(unresolved)",
    }
