"""Tests for analysis.cli: options about reading the inputs (--strict, --max-file-mb,
--spreadsheet-safe), warnings and progress on stderr."""

from __future__ import annotations

import pytest

from analysis.cli import main

BODY = (
    "A headline about a summit\n\nLeaders met on Monday to discuss trade. They agreed on little.\n"
)


def _corpus(folder):
    folder.mkdir()
    (folder / "a.txt").write_text(BODY)
    (folder / "b.txt").write_text(BODY.replace("summit", "meeting"))
    (folder / "metadata.csv").write_text("article_id,source_file,outlet\n1,a.txt,A\n2,../b.txt,B\n")
    return folder


def test_unmatched_metadata_warns_in_one_line_and_strict_makes_it_an_error(tmp_path, capsys):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "warning: 1 metadata row(s) match no file and 1 file(s) have no metadata row; "
        "listed in input_problems.csv (outlets may be wrong; --strict makes this an error)"
    ]
    assert "../b.txt" in (out / "input_problems.csv").read_text()
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "o2"), "--strict", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error:") and len(err.splitlines()) == 1
    assert "metadata.csv: entry '../b.txt': metadata row matches no file" in err
    assert not (tmp_path / "o2").exists()


def test_max_file_mb(tmp_path, capsys):
    corpus = _corpus(tmp_path / "in")
    (corpus / "metadata.csv").unlink()
    (corpus / "big.txt").write_text(BODY * 30_000)  # 2.7 MB
    args = ["analyze", str(corpus), "--out", str(tmp_path / "out"), "--quiet"]
    assert main([*args, "--max-file-mb", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert "big.txt: file is 2.7 MB, above the per-article limit of 1 MB" in err
    assert len(err.splitlines()) == 1 and not (tmp_path / "out").exists()
    with pytest.raises(SystemExit):
        main([*args, "--max-file-mb", "0"])
    assert "must be a positive number of MB" in capsys.readouterr().err


def test_progress_is_shown_when_stderr_is_not_a_terminal(tmp_path, capsys):
    corpus = _corpus(tmp_path / "in")
    (corpus / "metadata.csv").unlink()
    assert main(["analyze", str(corpus), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err  # captured: not a terminal
    assert "reading articles" in err and "2/2" in err


def test_spreadsheet_safe_option(tmp_path, capsys):
    corpus = _corpus(tmp_path / "in")
    (corpus / "metadata.csv").write_text("article_id,source_file,outlet\n1,a.txt,=A\n2,b.txt,B\n")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--quiet", "--spreadsheet-safe"]) == 0
    assert "\n1,a.txt,=A," in (out / "articles.csv").read_text()
    assert "\n1,a.txt,'=A," in (out / "spreadsheet" / "articles.csv").read_text()


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_help_documents_the_input_options(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    for opt in ("--strict", "--max-file-mb", "--spreadsheet-safe"):
        assert opt in out


@pytest.mark.slow
def test_external_option_reaches_the_validation_steps(tmp_path, capsys):
    """--external names the benchmark folder (was the FRAMING_EXTERNAL variable)."""
    from analysis.cli import main

    out = tmp_path / "res"
    assert main(["validate", "--out", str(out), "--external", str(tmp_path / "none")]) == 0
    err = capsys.readouterr().err
    assert "none" in err and "validation_sentiment" not in {p.stem for p in out.glob("*.csv")}
