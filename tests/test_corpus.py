import hashlib
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.corpus import (
    decode_article_bytes,
    find_html,
    iter_articles,
    read_articles,
    read_metadata,
)
from analysis.errors import InputError
from analysis.paths import SEEDS_DIR

SEED_SHA256 = {
    "000_724580f1c2a6f6ac.txt": "b7109f06a08f97486a2190856a454b540be6bb5a551cd226c23fd59b2956eedf",
    "001_1cb614db82393395.txt": "95996fde65a15e67e64e396d41c7d2b2483d6be3e50c7921ee9c992930dcfac1",
    "002_b96630f66deea5f7.txt": "97d4be11103ccaa60942f988ef6008f396f333e458356cf167874fe9f1280eb7",
    "003_9511941f2c0f9b29.txt": "40b46a2756ad0e7e9fab8eebca1769338980a9954df5f66d1137a991b8d73689",
    "004_885b2ea19e4072dd.txt": "94f9ba12db86e98a6b3621a6ca17b8e999f39b302b425ecc14fc7f267e8dc169",
}


def test_seeds_unchanged():
    files = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    assert files == sorted(SEED_SHA256)
    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest() == digest


def test_seed_metadata():
    meta = read_metadata(SEEDS_DIR / "metadata.csv")
    assert list(meta["article_id"]) == ["000", "001", "002", "003", "004"]
    row = meta.set_index("article_id")
    assert row.loc["001", "outlet"] == "Breitbart"
    assert row.loc["001", "author"] == "Frances Martel"
    assert row.loc["002", "published"] == "2024-06-20"
    assert row.loc["002", "author"] == "Martin Fornusek"
    assert row.loc["003", "attribution_confidence"] == "low"
    assert row.loc["003", "outlet_kind"] == "republication"
    assert row.loc["003", "headline"] == "" and row.loc["004", "headline"] == ""
    assert "IRIA" in row.loc["000", "attribution_note"]


def test_articles_carry_ids_and_outlets():
    arts = read_articles([SEEDS_DIR])
    assert [a.article_id for a in arts] == ["000", "001", "002", "003", "004"]
    assert arts[2].outlet == "Kyiv Independent"


def test_without_metadata_outlet_is_stem(tmp_path):
    (tmp_path / "my-article.txt").write_text("A sentence about things that happened.\n")
    (art,) = read_articles([tmp_path])
    assert art.article_id == "my-article" and art.outlet == "my-article"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"abc\x00def", "binary file"),
        ("caf\u00e9 text here".encode("latin-1"), "not valid UTF-8"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "looks like HTML"),
    ],
)
def test_bad_files_raise_one_line_error(tmp_path, content, problem):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as err:
        list(iter_articles([f]))
    msg = str(err.value)
    assert str(f) in msg and problem in msg and "\n" not in msg


def test_duplicates_rejected(tmp_path):
    (tmp_path / "a.txt").write_text("Same text in both files.\n")
    (tmp_path / "b.txt").write_text("Same text in both files.\n")
    with pytest.raises(InputError, match="duplicate of"):
        read_articles([tmp_path])


def test_bad_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Text.\n")
    (tmp_path / "metadata.csv").write_text("article_id,outlet\n1,X\n")
    with pytest.raises(InputError, match="missing required column"):
        read_articles([tmp_path])
    (tmp_path / "metadata.csv").write_text(
        "article_id,source_file,attribution_confidence\n1,a.txt,sure\n"
    )
    with pytest.raises(InputError, match="attribution_confidence must be one of high, medium, low"):
        read_articles([tmp_path])


def test_cli_exit_code_and_message(tmp_path, capsys):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert main(["analyze", str(f), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error:") and "empty.txt" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_missing_input(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope"), "--quiet"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_cli_help_documents_options(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    out = capsys.readouterr().out
    for opt in ("--out", "--lexicon", "--actors", "--quiet", "INPUT"):
        assert opt in out


def test_own_corpus_round_trip(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text(
        "A headline about a summit\n\nLeaders met on Monday to discuss trade. They agreed on little.\n"
    )
    assert main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    text = Path(tmp_path / "out" / "articles.csv").read_text()
    assert "A headline about a summit" in text


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)>",
        "<Svg/OnLoad=alert(1)>",
        "<img src=x\nonerror=alert(1)\n>",  # a tag over several lines
        "<custom-tag onmouseover=alert(1)>",  # any tag with an event handler
        "</div>",
        "<!-- a comment -->",
        "<p>",
    ],
)
def test_html_anywhere_in_the_file_is_rejected(tmp_path, html):
    # the old check read only the first 2,000 characters and a few tag names
    body = "Putin warned South Korea on Thursday.\n\n" + "The talks went on. " * 150
    f = tmp_path / "page.txt"
    f.write_text(body + "\n\nIt ended " + html + " late.\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        decode_article_bytes(f.read_bytes(), f)
    msg = str(err.value)
    assert msg.startswith(f"{f}: looks like HTML (") and "on line 5" in msg and "\n" not in msg


@pytest.mark.parametrize(
    "text",
    [
        "Inflation fell to <2% and unemployment to < 4 per cent; growth > 1%.",
        "The council voted 7<9, a result few expected (3>2 <b).",
        "Observers called it [click](javascript:alert(1)) and <javascript:alert(1)>.",
        "He wrote &lt;script&gt; in his post.",
    ],
)
def test_plain_text_with_angle_brackets_is_accepted(text):
    assert decode_article_bytes(f"Headline\n\n{text}\n".encode(), "x.txt").endswith(text + "\n")


def test_html_check_is_linear():
    import time

    t0 = time.perf_counter()
    assert find_html("<a " * 200_000) is None  # no '>' at all: no tag
    assert find_html("<zz " * 200_000 + ">") is None  # one unknown tag, no handler
    assert find_html("x > " * 200_000 + "<p>").group(0) == "<p>"
    assert time.perf_counter() - t0 < 5
