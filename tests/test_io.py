"""Tests for analysis.io: read_yaml (the one reader of the YAML data files)."""

from __future__ import annotations

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
