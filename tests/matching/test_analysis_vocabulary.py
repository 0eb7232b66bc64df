"""The term table: synonyms, word forms, case and stand-alone rules, implied terms."""

import json

import pytest

from matching.analysis.vocabulary import TERMS_FILE, stem, term_names, terms_find


def _names(text: str) -> list[str]:
    return [hit.term.name for hit in terms_find(text)]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Postgres", "PostgreSQL"),
        ("reconciled the bank accounts", "Account reconciliation"),
        ("quarterly and annual close procedures", "Month-end close"),
        ("administer medications", "Medication administration"),
        ("exceeded quota every quarter", "Quota attainment"),
        ("vendor relations", "Vendor management"),
        ("Golang", "Go"),
        ("spring boot", "Spring Boot"),
    ],
)
def test_synonyms_and_word_forms_name_the_term(text, term):
    assert term in _names(text)


@pytest.mark.parametrize(
    "text",
    ["Go above and beyond", "Cedar Springs, GA", "a rust-coloured couch", "account for all activity"],
)
def test_case_and_stand_alone_rules_keep_ordinary_words_out(text):
    assert not {"Go", "Spring Boot", "Rust", "Accounting"} & set(_names(text))


def test_the_longest_name_wins_and_implied_terms_are_met():
    assert _names("SQL Server") == ["SQL Server"]
    assert {"PostgreSQL", "SQL"} <= term_names("PostgreSQL")
    assert {"Master's degree", "Bachelor's degree"} <= term_names("M.S. Statistics")


def test_word_forms_share_a_stem():
    assert stem("reconciliation") == stem("reconcile") == stem("reconciled")
    assert stem("nursing") == stem("nurses")


def test_the_table_is_well_formed():
    table = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    names = [entry["term"] for entry in table["terms"]]

    assert len(names) == len(set(names)) >= 400
    implied = {name for entry in table["terms"] for name in entry.get("implies", ())}
    assert implied <= set(names)
    categories = {entry["category"] for entry in table["terms"]}
    assert {
        "Accounting and finance",
        "Healthcare",
        "Sales and marketing",
        "Operations and supply chain",
    } <= categories
