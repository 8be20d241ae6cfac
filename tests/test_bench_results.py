"""bench/results.csv writer (issue 13): one row per measure, replaced in place on a
re-run. Values here are made up; no timings are measured in tests."""

from __future__ import annotations

from bench import results


def test_write_replaces_same_measure_and_appends_new(tmp_path):
    path = tmp_path / "results.csv"
    results.write(
        [
            results.row("vader-alone-cpu", 300, 1.5, "s cpu"),
            results.row("analyze-cpu", 300, 30.0, "s cpu", ratio=20.0, baseline="vader-alone-cpu"),
        ],
        path,
    )
    results.write([results.row("vader-alone-cpu", 300, 2.0, "s cpu")], path)
    results.write([results.row("vader-alone-cpu", 1000, 5.0, "s cpu")], path)
    rows = results.read(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "name,corpus_articles,value,unit,ratio,baseline,date,machine"
    )
    assert [(r["name"], r["corpus_articles"], r["value"]) for r in rows] == [
        ("vader-alone-cpu", "300", "2.0"),
        ("analyze-cpu", "300", "30.0"),
        ("vader-alone-cpu", "1000", "5.0"),
    ]
    assert rows[1]["ratio"] == "20.0" and rows[1]["baseline"] == "vader-alone-cpu"
    assert rows[0]["ratio"] == "" and "cores" in rows[0]["machine"]
    text = results.table(rows)
    assert "| analyze-cpu | 300 | 30.0 | s cpu | 20.0 | vader-alone-cpu |" in text
