import pandas as pd
import pytest

from analysis.schema import (
    data_dictionary,
    table_columns,
    table_docs,
    table_modules,
    undocumented_columns,
)


def test_every_module_with_tables_is_found_and_none_documents_a_table_twice():
    modules = table_modules()
    assert modules[0] == "analysis.pipeline"
    # lexicon_candidates was missing from the hand-kept module list this replaced
    assert "analysis.measures.lexicon_induction" in modules
    docs = table_docs()
    assert {"articles", "sentences", "loaded_terms", "lexicon_candidates"} <= set(docs)
    assert all(d["description"] and d["columns"] for d in docs.values())


def test_table_columns_and_the_valid_choices():
    cols = table_columns("quote_spans")
    assert list(cols)[:3] == ["article_id", "quote_span_id", "start"]
    with pytest.raises(ValueError, match="unknown table 'quotations'; documented: .*quote_spans"):
        table_columns("quotations")


def test_undocumented_columns_let_article_docvars_pass():
    df = pd.DataFrame(columns=["article_id", "outlet", "house_style", "made_up"])
    assert undocumented_columns("articles", df) == []
    assert undocumented_columns("quote_spans", df) == ["outlet", "house_style", "made_up"]


def test_data_dictionary_names_rows_and_docvars():
    docs = table_docs()
    articles = pd.DataFrame({"article_id": ["a"], "event": ["e1"], "desk": ["world"]})
    text = data_dictionary(docs, tables={"articles": articles})
    assert "## `articles.csv` (1 rows)" in text
    assert "| `event` | The story the article reports" in text
    assert "| `desk` | Docvar passed through from metadata.csv" in text
    assert "## `sentences.csv`" not in text
