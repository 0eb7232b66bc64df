"""Finding vocabulary skills in text: longest alias first, case and stand-alone rules, slashes."""

from processing.offline.skill_vocabulary import _slash_parts, skills_find, tokens_find


def _found(text):
    return [(mention.skill.name, mention.surface) for mention in skills_find(text)]


def test_it_takes_the_longest_alias_at_each_word():
    assert _found("Spring Boot and React Native") == [
        ("Spring Boot", "Spring Boot"),
        ("React", "React Native"),
    ]


def test_it_counts_a_stand_alone_alias_only_where_it_ends_a_phrase():
    assert _found("Go and Rust") == [("Go", "Go"), ("Rust", "Rust")]
    assert _found("Go above and beyond") == []


def test_it_respects_case_exact_aliases():
    assert _found("Swift, Ruby") == [("Swift", "Swift"), ("Ruby", "Ruby")]
    assert _found("a swift ruby") == []


def test_it_reads_each_part_of_a_slashed_token():
    (token,) = tokens_find("HTML/CSS")

    assert [(m.skill.name, m.start, m.end) for m in _slash_parts(token)] == [("HTML", 0, 4), ("CSS", 5, 8)]
    assert _found("Java/Kotlin") == [("Java", "Java"), ("Kotlin", "Kotlin")]
    assert _slash_parts(tokens_find("Python")[0]) == []
