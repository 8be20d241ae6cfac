import hashlib
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.errors import InputError
from analysis.paths import SEEDS_DIR
from analysis.text.corpus import (
    decode_article_bytes,
    find_html,
    input_problems,
    iter_articles,
    read_articles,
    read_metadata,
)

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
        # not UTF-8, and 0x81 is undefined in cp1252 too
        (b"caf\xe9 \x81 text here", "not valid UTF-8"),
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


BODY = (
    "A headline about a summit\n\nLeaders met on Monday to discuss trade. They agreed on little.\n"
)


def test_metadata_saved_by_excel_with_a_bom_is_read(tmp_path):
    # Excel's "CSV UTF-8" starts the file with EF BB BF; before: "missing required column(s)"
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "metadata.csv").write_bytes(
        b"\xef\xbb\xbfarticle_id,source_file,outlet\r\n007,a.txt,Le Monde\r\n"
    )
    meta = read_metadata(tmp_path / "metadata.csv")
    assert list(meta.columns) == ["article_id", "source_file", "outlet"]
    (art,) = read_articles([tmp_path])
    assert (art.article_id, art.outlet) == ("007", "Le Monde")


def test_input_problems_lists_unmatched_rows_and_files_without_a_row(tmp_path):
    for name in ("a.txt", "report.txt", "extra.txt"):
        (tmp_path / name).write_text(BODY.replace("summit", name))
    (tmp_path / "metadata.csv").write_text(
        "article_id,source_file,outlet\n"
        "1,a.txt,Outlet A\n"
        "2,Report.txt,Outlet B\n"  # wrong case
        "3,../x.txt,Outlet C\n"  # a path
        "4,repot.txt,Outlet D\n"  # a typo
        "5,gone.txt,Outlet E\n"  # no such file
    )
    got = input_problems([tmp_path])
    meta = str(tmp_path / "metadata.csv")
    assert got.to_dict("records") == [
        {
            "file": meta,
            "source_file": "Report.txt",
            "problem": "metadata row matches no file",
            "detail": "data row 2 (article_id '2'): no such .txt file in the folder; "
            "did you mean 'report.txt'?",
        },
        {
            "file": meta,
            "source_file": "../x.txt",
            "problem": "metadata row matches no file",
            "detail": "data row 3 (article_id '3'): source_file must be a file name in "
            "the metadata's folder, not a path",
        },
        {
            "file": meta,
            "source_file": "repot.txt",
            "problem": "metadata row matches no file",
            "detail": "data row 4 (article_id '4'): no such .txt file in the folder; "
            "did you mean 'report.txt'?",
        },
        {
            "file": meta,
            "source_file": "gone.txt",
            "problem": "metadata row matches no file",
            "detail": "data row 5 (article_id '5'): no such .txt file in the folder",
        },
        {
            "file": str(tmp_path / "extra.txt"),
            "source_file": "extra.txt",
            "problem": "no metadata row",
            "detail": "metadata.csv has no row for it; article id and outlet fall back to "
            "the file stem 'extra'",
        },
        {
            "file": str(tmp_path / "report.txt"),
            "source_file": "report.txt",
            "problem": "no metadata row",
            "detail": "metadata.csv has no row for it; article id and outlet fall back to "
            "the file stem 'report'",
        },
    ]
    # the silent fallback the table documents: report.txt became its own outlet
    outlets = {a.source_file: a.outlet for a in read_articles([tmp_path])}
    assert outlets == {"a.txt": "Outlet A", "extra.txt": "extra", "report.txt": "report"}


def test_input_problems_empty_on_seeds_and_without_metadata(tmp_path):
    got = input_problems([SEEDS_DIR])
    assert len(got) == 0 and list(got.columns) == ["file", "source_file", "problem", "detail"]
    (tmp_path / "a.txt").write_text(BODY)
    assert len(input_problems([tmp_path])) == 0  # no metadata.csv: the stem is documented


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_a_bom_is_read(tmp_path, codec, bom):
    text = "Путин предупредил Сеул\n\nLeaders met on Monday. They agreed on little.\n"
    data = bom + text.encode(codec)
    (tmp_path / "a.txt").write_bytes(data)
    (art,) = read_articles([tmp_path])  # before: "binary file (contains NUL bytes)"
    assert art.raw == text
    assert art.sha256 == hashlib.sha256(data).hexdigest()


def test_utf16_without_a_bom_names_the_encoding(tmp_path):
    (tmp_path / "a.txt").write_bytes(BODY.encode("utf-16-le"))
    with pytest.raises(InputError, match="binary file .*UTF-16/UTF-32 is read only with a byte"):
        read_articles([tmp_path])


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    from analysis.pipeline import analyze

    data = b"\xef\xbb\xbf" + BODY.encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data)
    (art,) = read_articles([tmp_path])
    assert art.raw == BODY and art.sha256 == hashlib.sha256(data).hexdigest()
    ctx = analyze([tmp_path])
    row = ctx.tables["articles"].iloc[0]
    assert row["headline"] == "A headline about a summit"  # before: "\ufeffA headline …"
    assert row["n_chars"] == len(BODY)
    sent = ctx.tables["sentences"]
    assert all(
        art.raw[s:e] == t for s, e, t in zip(sent["start"], sent["end"], sent["text"], strict=True)
    )
    assert sent["text"].iloc[0] == "A headline about a summit"


def test_file_above_the_size_limit_is_refused(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text(BODY * 100)  # 9,000 bytes
    with pytest.raises(
        InputError, match=r"file is 0\.009 MB, above the per-article limit of 0\.005 MB"
    ):
        read_articles([f], max_file_mb=0.005)
    assert len(read_articles([f], max_file_mb=None)) == 1
    assert len(read_articles([f])) == 1  # default limit 5 MB


def test_unreadable_metadata_csv_is_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "metadata.csv").write_text(
        "article_id,source_file,attribution_note\n1,a.txt," + "x" * 200_000 + "\n"
    )
    with pytest.raises(InputError, match="not a readable CSV file .*field larger than field limit"):
        read_articles([tmp_path])  # before: a raw _csv.Error traceback


def test_a_folder_named_like_an_article_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub.txt").mkdir()
    assert [a.source_file for a in read_articles([tmp_path])] == [
        "a.txt"
    ]  # before: IsADirectoryError


def test_semicolon_metadata_gets_a_hint(tmp_path):
    # Excel in many European locales saves "CSV" with semicolons
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "metadata.csv").write_text("article_id;source_file;outlet\n1;a.txt;X\n")
    with pytest.raises(InputError, match="separated by ';'; save as comma-separated CSV"):
        read_articles([tmp_path])


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


def test_cp1252_is_read_with_a_warning(tmp_path):
    from analysis.pipeline import analyze

    text = "Putin\u2019s \u201cwarning\u201d to Seoul \u2013 caf\u00e9 talk.\n\nA second paragraph here."
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    (art,) = read_articles([tmp_path])
    assert art.encoding == "cp1252" and art.raw == text
    ctx = analyze([tmp_path])
    problems = ctx.tables["input_problems"]
    assert problems["problem"].tolist() == ["decoded as cp1252"]
    assert any("win.txt: not UTF-8, read as cp1252" in w for w in ctx.warnings)


@pytest.mark.slow
def test_crlf_gives_the_same_sentences_as_lf(tmp_path):
    from analysis.pipeline import analyze

    seed = next(SEEDS_DIR.glob("002_*.txt")).read_text(encoding="utf-8")
    for name, sep in (("lf", "\n"), ("crlf", "\r\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "002.txt").write_bytes(seed.replace("\n", sep).encode("utf-8"))
    a = analyze([tmp_path / "lf"]).tables["sentences"]
    b = analyze([tmp_path / "crlf"]).tables["sentences"]
    assert b["text"].tolist() == a["text"].tolist()
    assert b["segment"].tolist() == a["segment"].tolist()
    assert not b["text"].str.contains("\r").any()
