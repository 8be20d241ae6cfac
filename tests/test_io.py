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
