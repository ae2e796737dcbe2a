"""Agenda templates: the built-in ones are valid, and every kind of mistake is located."""

from __future__ import annotations

import pytest

from facilitator.templates import TemplateError, builtin_templates, find_template, load_template, parse_template

GOOD = """\
title = "Test"
minutes = 30

[[items]]
title = "Check-in"
kind = "checkin"
minutes = 10

[[items]]
title = "Talk"
kind = "discussion"
minutes = 20
prompt = "What now?"
"""


def problems(source: str) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        parse_template(source, "t.toml")
    return [str(p) for p in caught.value.problems]


def test_builtin_templates_are_all_valid_and_cover_the_required_meetings():
    names = set(builtin_templates())
    assert {
        "partner-kickoff",
        "synergy-retreat",
        "problem-statement",
        "smartie-goals",
        "mission-vision-brainwriting",
        "coalition-meeting",
    } <= names
    for path in builtin_templates().values():
        template = load_template(path)
        assert template.items and all(item.minutes > 0 for item in template.items)


def test_kickoff_is_an_hour_and_the_retreat_at_most_half_a_day_with_breaks():
    assert find_template("partner-kickoff").total_minutes == 60
    retreat = find_template("synergy-retreat")
    assert retreat.total_minutes <= 240
    assert sum(item.kind == "break" for item in retreat.items) >= 2


def test_problem_statement_workshop_walks_the_five_parts():
    titles = " ".join(item.title.lower() for item in find_template("problem-statement").items)
    for part in ("gap", "trend", "impact", "importance", "statement"):
        assert part in titles


def test_a_good_template_parses():
    template = parse_template(GOOD)
    assert [i.title for i in template.items] == ["Check-in", "Talk"]
    assert template.total_minutes == 30


def test_malformed_toml_names_the_line():
    assert problems('title = "x"\n\n[[items]\n') == ["t.toml:3: (toml): Expected ']]' at the end of an array declaration"]


def test_missing_title_points_at_the_top_of_the_file():
    assert problems(GOOD.replace('title = "Test"\n', "")) == ["t.toml:1: title: required but missing"]


def test_unknown_kind_names_item_line_and_the_kinds_allowed():
    [problem] = problems(GOOD.replace('kind = "discussion"', 'kind = "debate"'))
    assert problem.startswith("t.toml:11: items[2].kind: unknown kind 'debate'; use one of: checkin, icebreaker")


@pytest.mark.parametrize("minutes", ["0", "-5"])
def test_zero_or_negative_minutes_are_refused(minutes):
    [problem] = problems(GOOD.replace("minutes = 10", f"minutes = {minutes}"))
    assert problem.startswith("t.toml:7: items[1].minutes: input should be greater than 0")


def test_unknown_key_is_a_typo_caught():
    assert problems(GOOD.replace('prompt = "What now?"', 'promt = "What now?"')) == [
        "t.toml:13: items[2].promt: unknown key (check the spelling)"
    ]


def test_every_problem_is_reported_at_once():
    source = GOOD.replace('title = "Test"\n', "").replace("minutes = 20", "minutes = 0")
    assert len(problems(source)) == 2


def test_a_file_that_is_not_utf8_gets_a_clear_error(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD.replace("What now?", "Qu\xe9?").encode("latin-1"))
    with pytest.raises(TemplateError, match="not UTF-8"):
        load_template(path)


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    """Notepad and other Windows editors start UTF-8 files with a BOM; it is not a statement."""
    path = tmp_path / "notepad.toml"
    path.write_bytes("\ufeff".encode() + GOOD.replace("What now?", "¿Qué sigue?").encode())
    template = load_template(path)
    assert template.title == "Test" and template.items[1].prompt == "¿Qué sigue?"
    assert parse_template("\ufeff" + GOOD).title == "Test"


def test_unknown_template_name_lists_the_known_ones():
    with pytest.raises(LookupError, match="partner-kickoff"):
        find_template("no-such-thing")
