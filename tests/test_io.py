"""Tests for analysis.io: read_yaml (the one reader of the YAML data files), atomic tables,
whole-folder replacement and locks."""

from __future__ import annotations

import os

import pandas as pd
import pytest
import yaml

from analysis.errors import InputError
from analysis.io import read_yaml
from analysis.paths import PROJECT_ROOT


def test_read_yaml_gives_what_the_pure_python_safe_loader_gives():
    for path in sorted((PROJECT_ROOT / "analysis" / "lexicons").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert read_yaml(path) == yaml.load(text, Loader=yaml.SafeLoader), path.name


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"terms: [1, 2\n", "not valid YAML at line 2"),
        (b"caf\xe9: 1\n", "not valid UTF-8"),
    ],
)
def test_read_yaml_bad_files(tmp_path, content, problem):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as err:
        read_yaml(path)
    assert err.value.path == str(path)
    with pytest.raises(InputError, match="file not found"):
        read_yaml(tmp_path / "absent.yaml")


def test_row_positions_select_what_filtering_selects():
    import pandas as pd

    from analysis.io import row_positions

    t = pd.DataFrame({"a": ["x", "y", "x", "z", "x"], "b": [1, 1, 2, 1, 1]})
    pos = row_positions(t, ["a", "b"])
    assert pos == {("x", 1): [0, 4], ("y", 1): [1], ("x", 2): [2], ("z", 1): [3]}
    for (a, b), rows in pos.items():
        assert t.iloc[rows].equals(t[(t["a"] == a) & (t["b"] == b)])
    assert row_positions(t.iloc[:0], ["a"]) == {}


def _billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_read_yaml_refuses_an_alias_bomb(tmp_path):
    # 9 levels of 9 aliases: 9**10 "lol"s once expanded, from a 600-byte file.
    path = tmp_path / "bomb.yaml"
    path.write_text(_billion_laughs())
    with pytest.raises(InputError, match="expands to more than 1,000,000 nodes") as err:
        read_yaml(path)
    assert err.value.path == str(path) and "\n" not in str(err.value)
    # the same file through the lexicon loader: one line naming the file
    from analysis.extract.loaded_terms import load_lexicon

    with pytest.raises(InputError, match="alias bomb") as err:
        load_lexicon(path)
    assert err.value.path == str(path)


def test_read_yaml_keeps_small_aliases_and_refuses_recursion_and_depth(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(_billion_laughs(levels=2))  # 9**3 = 729 scalars: fine
    doc = read_yaml(path)
    assert len(doc["a2"]) == 9 and doc["a2"][0][0] == ["lol"] * 9
    path.write_text("a: &a [1, *a]\n")
    with pytest.raises(InputError, match="recursive YAML alias"):
        read_yaml(path)
    # libyaml crashes the interpreter (stack overflow) on deep nesting; refused first
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(InputError, match="nested deeper than 100 levels"):
        read_yaml(path)


def test_read_yaml_refuses_a_file_above_the_size_limit(tmp_path, monkeypatch):
    from analysis import io

    monkeypatch.setattr(io, "YAML_MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("terms: [" + ", ".join(["x"] * 60) + "]\n")
    with pytest.raises(InputError, match="above the limit of 100") as err:
        read_yaml(path)
    assert err.value.path == str(path)


def test_spreadsheet_safe_neutralises_formula_like_text_only():
    import pandas as pd

    from analysis.io import spreadsheet_safe

    df = pd.DataFrame(
        {
            "text": [
                '=HYPERLINK("http://x")',
                "+1",
                "-2 dead",
                "@SUM(A1)",
                "\tx",
                "\rx",
                "＝1+1",
                "plain",
                "a=b",
                None,
            ],
            "score": [-0.5, 1.0, -2.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        }
    )
    df.attrs["setting"] = 1
    safe = spreadsheet_safe(df)
    assert safe["text"].tolist()[:9] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2 dead",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "'＝1+1",
        "plain",
        "a=b",
    ]
    assert pd.isna(safe["text"].iloc[9])
    assert safe["score"].tolist() == df["score"].tolist()  # numbers stay numbers
    assert safe.attrs == {} and df["text"].iloc[0].startswith("=")  # the input is untouched


def test_write_table_removes_settings_of_an_older_version(tmp_path):
    from analysis.io import write_table

    df = pd.DataFrame({"a": [1]})
    df.attrs["alpha"] = 0.05
    write_table(df, tmp_path / "t.csv")
    assert (tmp_path / "t.settings.json").exists()
    write_table(pd.DataFrame({"a": [2]}), tmp_path / "t.csv")  # no settings this time
    assert not (tmp_path / "t.settings.json").exists()


def test_folder_swap_replaces_every_folder_at_commit_only(tmp_path):
    import json

    from analysis.io import FolderSwap

    a, b = tmp_path / "results", tmp_path / "figures"
    a.mkdir()
    (a / "old.csv").write_text("old")
    with FolderSwap({a: "results", b: "figures"}) as swap:
        (swap[a] / "new.csv").write_text("new")
        (swap[b] / "f.png").write_bytes(b"png")
        assert sorted(p.name for p in a.iterdir()) == ["old.csv"]  # not yet
        assert (tmp_path / ".results.lock").exists()
        swap.commit({"command": "test"})
    assert sorted(p.name for p in a.iterdir()) == ["new.csv", "run.json"]
    assert sorted(p.name for p in b.iterdir()) == ["f.png", "run.json"]
    run = json.loads((b / "run.json").read_text())
    assert run["command"] == "test" and run["files"] == ["f.png"] and run["folder"] == "figures"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "results"]


def test_folder_swap_without_commit_changes_nothing(tmp_path):
    from analysis.io import FolderSwap

    a = tmp_path / "results"
    a.mkdir()
    (a / "old.csv").write_text("old")
    with pytest.raises(KeyboardInterrupt):
        with FolderSwap({a: "results"}) as swap:
            (swap[a] / "new.csv").write_text("new")
            raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]
    assert sorted(p.name for p in a.iterdir()) == ["old.csv"]


def test_folder_swap_cleans_up_after_a_killed_run(tmp_path):
    """Killed between its two renames: the old run is restored, the staging removed."""
    from analysis.io import FolderSwap

    a = tmp_path / "results"
    old, staging = tmp_path / ".results.old-999999", tmp_path / ".results.staging-999999"
    old.mkdir()
    (old / "previous.csv").write_text("previous")
    staging.mkdir()
    (staging / "half.csv").write_text("half")
    with FolderSwap({a: "results"}):
        assert sorted(p.name for p in a.iterdir()) == ["previous.csv"]
        assert not old.exists() and not staging.exists()


def test_folder_swap_refuses_a_folder_with_foreign_files(tmp_path):
    from analysis.io import FolderSwap

    a = tmp_path / "results"
    (a / "sub").mkdir(parents=True)
    with pytest.raises(InputError, match="holds 'sub', which framing does not write"):
        with FolderSwap({a: "results"}):
            pass
    assert (a / "sub").is_dir() and not (tmp_path / ".results.lock").exists()


def test_lock_live_pid_blocks_and_dead_pid_is_taken_over(tmp_path):
    import json
    import socket
    import subprocess
    import sys

    from analysis.io import acquire_lock, lock_path, release_lock

    target = tmp_path / "results"
    lock = acquire_lock(target)
    assert lock == lock_path(target) == tmp_path / ".results.lock"
    info = json.loads(lock.read_text())
    assert info["pid"] == os.getpid() and info["host"] == socket.gethostname()
    with pytest.raises(InputError, match=f"pid {os.getpid()}"):  # one run at a time
        acquire_lock(target)
    release_lock(lock)
    assert not lock.exists()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock.write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname()}))
    assert acquire_lock(target) == lock
    assert json.loads(lock.read_text())["pid"] == os.getpid()
    release_lock(lock)


def test_a_lock_with_our_pid_from_an_earlier_process_is_stale(tmp_path):
    """Containers reuse pids: our own pid in a lock we did not take is a dead run's."""
    import json
    import socket

    from analysis.io import acquire_lock, lock_path, release_lock

    target = tmp_path / "results"
    lock_path(target).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}))
    release_lock(acquire_lock(target))


def test_parquet_tables_round_trip_with_settings(tmp_path):
    import pandas as pd

    from analysis.io import read_table, write_table

    df = pd.DataFrame({"article_id": ["000", "001"], "score": [0.123456789, -1.0]})
    df.attrs["method"] = "x"
    a = write_table(df, tmp_path / "t.parquet")
    first = a.read_bytes()
    write_table(df, tmp_path / "t.parquet")
    assert a.read_bytes() == first  # the same bytes twice
    back = read_table(a)
    assert back["article_id"].tolist() == ["000", "001"]
    assert back["score"].tolist() == [0.123456789, -1.0]  # full precision
    assert back.attrs == {"method": "x"}


@pytest.mark.slow
def test_analyze_writes_parquet_when_asked(tmp_path):
    from analysis.api import load_results
    from analysis.paths import SEEDS_DIR
    from analysis.pipeline import analyze

    analyze([SEEDS_DIR], out=tmp_path, settings={"format": "parquet"})
    assert not list(tmp_path.glob("*.csv"))
    tables = load_results(tmp_path)
    assert len(tables["articles"]) == 5 and "loaded_terms" in tables
    assert "## `loaded_terms.csv`" in (tmp_path / "README.md").read_text(encoding="utf-8")
