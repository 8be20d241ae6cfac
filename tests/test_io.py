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
    from analysis.loaded_terms import load_lexicon

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
