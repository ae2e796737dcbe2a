"""The facilitation activities through the session: check-in, brainwriting, decisions with
quorum, carry-over review, evaluation, and ending with flagged next steps."""

from __future__ import annotations

from datetime import date

from conftest import T0
from facilitator.activities import brainwriting, checkin, evaluation
from facilitator.activities.decisions import quorum
from facilitator.clock import FlowKind
from facilitator.models import Attendance, AttendanceStatus, EntryKind, EvaluationEntry, Idea, Person
from facilitator.session.meeting import MeetingSession
from facilitator.templates import AgendaTemplate, TemplateItem, find_template

ROSTER = [
    ("Amara Okafor", "Tenants Union", "community members", "co-chair", True),
    ("Luis Ortega", "County Public Health", "public health", "", True),
    ("Grace Lin", "St. Mary's", "health care", "", True),
    ("Dev Patel", "Schools", "education", "", False),
]


def agenda(*kinds: str) -> AgendaTemplate:
    return AgendaTemplate(title="T", items=[TemplateItem(title=k.title(), kind=k, minutes=10) for k in kinds])


def meeting(store, clock, template, *, title="March", on=None, roster=True) -> MeetingSession:
    meeting_id = store.meetings.create(template, title=title, on=on or clock().date(), at=clock(), series="Eastside")
    if roster and not store.people.roster(store.meetings.get(meeting_id).series_id):
        store.people.add_many(store.meetings.get(meeting_id).series_id, ROSTER)
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/start")
    return session


# Check-in ---------------------------------------------------------------

def test_checkin_round_answers_pass_absent_and_late_joiner(store, clock):
    session = meeting(store, clock, agenda("checkin", "discussion"))
    assert session.checkin.start().ok
    assert [s.person.name for s in session.checkin.seats()] == ["Amara Okafor", "Luis Ortega", "Grace Lin", "Dev Patel"]
    clock.advance(40)
    assert session.apply("Glad the tenants union is at the table").message.endswith("Next: Luis Ortega.")
    session.checkin.answer(None, passed=True)
    session.checkin.answer(None, absent=True)
    assert session.checkin.add("Rosa Delgado").ok
    seats = session.checkin.seats()
    assert checkin.current_seat(seats).person.name == "Dev Patel"
    assert [s.person.name for s in checkin.waiting(seats)] == ["Dev Patel", "Rosa Delgado"]
    session.apply("Schools see the same families")
    session.apply("Transit is free on clinic days now")
    assert checkin.current_seat(session.checkin.seats()) is None
    answers = store.db.execute(
        "SELECT p.name, a.answer, a.passed FROM checkin_answers a JOIN people p ON p.id = a.person_id ORDER BY a.at, p.name"
    ).fetchall()
    assert answers[0] == ("Amara Okafor", "Glad the tenants union is at the table", 0)
    assert ("Luis Ortega", None, 1) in answers and ("Grace Lin", None, 1) in answers
    attendance = {r.person.name: r.status for r in store.people.attendance(session.meeting_id)}
    assert attendance["Amara Okafor"] is AttendanceStatus.PRESENT
    assert attendance["Grace Lin"] is AttendanceStatus.ABSENT
    assert attendance["Rosa Delgado"] is AttendanceStatus.PRESENT
    # Each speaker's turn counted as speaking time.
    turns = store.voices.turns(session.meeting_id)
    assert turns[0].person_id == seats[0].person.id and (turns[0].ended_at - turns[0].started_at).total_seconds() == 40


def test_checkin_turn_timer_starts_at_the_last_answer(store, clock):
    session = meeting(store, clock, agenda("checkin"))
    session.checkin.start()
    clock.advance(75)
    session.checkin.answer("first")
    assert checkin.turn_started(session.checkin.seats()) == clock()


def test_shuffle_keeps_everyone_once():
    assert sorted(checkin.shuffled([1, 2, 3, 4, 5], seed=7)) == [1, 2, 3, 4, 5]


def test_saved_questions_rotate_and_never_repeat_twice_in_a_row(store, clock):
    first = meeting(store, clock, agenda("checkin"), title="March")
    first.apply("/question What brought you to this work?")
    first.apply("/question One thing you are proud of this month?")
    assert first.current_item().prompt == "One thing you are proud of this month?"
    clock.advance(minutes=60 * 24 * 30)
    second = meeting(store, clock, agenda("checkin"), title="April")
    second.apply("/question")
    assert second.current_item().prompt == "What brought you to this work?"
    clock.advance(minutes=60 * 24 * 30)
    third = meeting(store, clock, agenda("checkin"), title="May")
    third.apply("/question")
    assert third.current_item().prompt == "One thing you are proud of this month?"


def test_next_question_prefers_never_asked_then_oldest():
    assert checkin.next_question([(1, "a", "2026-03-01"), (2, "b", None)]) == (2, "b")
    assert checkin.next_question([(1, "a", "2026-03-01"), (2, "b", "2026-02-01")]) == (2, "b")
    assert checkin.next_question([]) is None


# Brainwriting -------------------------------------------------------------

def test_brainwriting_write_group_vote_results(store, clock):
    session = meeting(store, clock, agenda("brainwriting"))
    for idea in ["Free bus passes", "Mobile clinic", "Evening hours", "Shuttle from the library"]:
        assert session.apply(idea).ok
    session.apply("/idea Community health workers @Amara")
    session.brainwriting.change_phase(1)
    assert session.apply("1 4: Transport").ok
    assert session.apply("2, 3: Access").ok
    assert "no idea 9" in session.apply("9: Other").error
    said = session.apply("Dev thinks transport and access overlap")  # talk while grouping: a note
    assert said.ok and "Saved as a note" in said.message and said.capture.label == ""
    assert session.apply("/theme access = Clinic access").ok
    assert session.apply("/theme Clinic access = Transport").message == "Merged Clinic access into Transport."
    session.brainwriting.change_phase(1)
    assert session.apply("Amara: 1 1 2").ok
    assert session.apply("Luis 1 5").ok
    refused = session.apply("Grace: 1 2 3 4")
    assert "has 3 dots" in refused.error
    assert "Zed" in session.apply("Zed: 1").error
    session.apply("Amara: 2 2 5")  # Amara changes her mind: her dots are replaced
    session.brainwriting.change_phase(1)
    assert session.apply("Group keeps the clinic ideas for the draft").ok  # results are discussed
    ideas = store.brainwriting.ideas(session.current_item().id)
    notes = [e.text for e in store.captures.entries(session.meeting_id, session.current_item().id, kind=EntryKind.NOTE)]
    assert notes == ["Dev thinks transport and access overlap", "Group keeps the clinic ideas for the draft"]
    assert [(i.number, i.dots) for i in brainwriting.ranked(ideas)] == [(2, 2), (5, 2), (1, 1), (3, 0), (4, 0)]
    assert {i.theme for i in ideas[:4]} == {"Transport"}
    assert ideas[4].author == "Amara Okafor" and ideas[0].author is None


def test_an_anonymous_idea_stores_no_author_anywhere(store, clock):
    session = meeting(store, clock, agenda("brainwriting"))
    session.apply("A secret idea nobody should trace")
    [entry_id] = [row[0] for row in store.db.execute("SELECT id FROM entries WHERE kind = 'idea'")]
    assert store.db.execute("SELECT count(*) FROM idea_authors").fetchone()[0] == 0
    # Every table that refers to an entry: none of them ties this idea to a person.
    for table in store.db.table_names():
        columns = store.db[table].columns_dict
        if "entry_id" in columns and "person_id" in columns:
            rows = store.db.execute(f"SELECT count(*) FROM [{table}] WHERE entry_id = ?", [entry_id]).fetchone()[0]
            assert rows == 0, table
    assert not {"author", "author_id", "person_id"} & set(store.db["entries"].columns_dict)


def test_grouping_and_vote_lines():
    assert brainwriting.parse_grouping("3 5 7: Transport hubs") == brainwriting.Grouping([3, 5, 7], "Transport hubs")
    assert brainwriting.parse_grouping("Transport") is None
    assert brainwriting.parse_votes("Amara: 3 3 5") == brainwriting.Votes("Amara", [3, 3, 5])
    assert brainwriting.parse_votes("Pastor James 2") == brainwriting.Votes("Pastor James", [2])
    assert brainwriting.check_budget("Amara", [1, 2, 3, 4], 3)
    assert brainwriting.check_budget("Amara", [1, 2, 3], 3) is None
    ideas = [Idea(id=i, number=i, text="x") for i in (1, 2)]
    assert "no idea 3" in brainwriting.check_numbers([3], ideas)


# Decisions and quorum -----------------------------------------------------

def test_quorum_defaults_to_more_than_half_of_voting_members():
    people = [Person(id=i, series_id=1, name=str(i), voting=i <= 5) for i in range(1, 8)]
    here = [Attendance(person=p, status=AttendanceStatus.PRESENT) for p in people[:3]]
    assert quorum(people, here, None).met and quorum(people, here, None).needed == 3
    late_and_gone = [
        Attendance(person=people[0], status=AttendanceStatus.LATE), Attendance(person=people[1], status=AttendanceStatus.LEFT_EARLY)
    ]
    assert quorum(people, late_and_gone, None).present == 1
    assert not quorum(people, here, 4).met


def test_decision_records_method_tally_and_quorum_at_that_moment(store, clock):
    session = meeting(store, clock, agenda("decision"))
    for name in ("Amara Okafor", "Luis Ortega"):
        person = next(p for p in session.roster if p.name == name)
        store.people.mark(session.meeting_id, person.id, AttendanceStatus.PRESENT, clock())
    outcome = session.apply("/decide Adopt the charter method:consent stand=1 block=0 outcome:adopted review:+4w")
    assert "quorum met: 2 of 3 voting members here, 2 needed" in outcome.message
    luis = next(p for p in session.roster if p.name == "Luis Ortega")
    store.people.mark(session.meeting_id, luis.id, AttendanceStatus.LEFT_EARLY, clock())
    session.decisions.record(
        "Fund the shuttle", method="majority vote", votes_for=2, votes_against=0, remote_votes=1, remote_note="1 by phone",
        rationale="Cheapest option",
    )
    first, second = store.captures.decisions(session.meeting_id)
    facts = (first.method, first.stand_asides, first.blocks, first.outcome, first.review_date)
    assert facts == ("consent", 1, 0, "adopted", date(2026, 4, 9))
    assert (first.quorum_present, first.quorum_needed, first.quorum_met) == (2, 2, True)
    assert (second.quorum_present, second.quorum_met, second.remote_votes, second.rationale) == (1, False, 1, "Cheapest option")


# Carry-over review --------------------------------------------------------

def test_next_meeting_reviews_open_actions_parked_items_and_due_decisions(store, clock):
    march = meeting(store, clock, find_template("coalition-meeting"), title="March")
    march.apply("/action Share asthma data @Luis due:+1w")
    march.apply("/action Book the room @Amara due:+3d")
    march.apply("/park Hospital parking fees")
    march.apply("/decide Meet monthly outcome:adopted review:+2w")
    march.apply("/decide Keep minutes public outcome:adopted review:+6w")
    clock.advance(minutes=60 * 24 * 28)
    april = meeting(store, clock, find_template("coalition-meeting"), title="April")
    items = april.next_steps.review_items()
    assert [(i.number, i.subject, i.text) for i in items] == [
        (1, "action", "Share asthma data"),
        (2, "action", "Book the room"),
        (3, "park", "Hospital parking fees"),
        (4, "decision", "Meet monthly"),
    ]
    assert all(i.source == "March (2026-03-12)" for i in items)
    assert april.apply("/done 1").ok
    assert april.apply("/carry 2").ok
    assert "use /agenda, /keep, /drop" in april.apply("/done 3").error
    assert april.apply("/agenda 3").message.startswith("Added as item")
    assert april.apply("/done 4").ok
    assert [i.outcome for i in april.next_steps.review_items()] == ["done", "carried over", "moved onto the agenda", "reviewed"]
    assert any(item.title == "Hospital parking fees" for item in april.agenda)
    clock.advance(minutes=60 * 24 * 28)
    may = meeting(store, clock, find_template("coalition-meeting"), title="May")
    # Only the carried action is still open; the six-week review is now due.
    still_open = [(i.subject, i.text) for i in may.next_steps.review_items()]
    assert still_open == [("action", "Book the room"), ("decision", "Keep minutes public")]


# Evaluation ---------------------------------------------------------------

def test_evaluation_lines_averages_and_trend(store, clock):
    march = meeting(store, clock, agenda("evaluation"), title="March")
    for line in ["+ Everyone spoke", "- Start on time", "4 4 5", "2 3 5"]:
        assert march.apply(line).ok
    assert "Give 3 ratings" in march.apply("4 4").error
    assert "Give 3 ratings" in march.apply("6 1 1").error
    assert march.apply("A plain note").capture.label == ""
    clock.advance(minutes=60 * 24 * 28)
    april = meeting(store, clock, agenda("evaluation"), title="April")
    april.apply("5 5 5")
    trend = april.evaluation.trend(april.current_item())
    assert trend == [("March (2026-03-12)", [3.0, 3.5, 5.0]), ("April (2026-04-09)", [5.0, 5.0, 5.0])]


def test_evaluation_parse_and_average():
    assert evaluation.parse_line("+ good food", 3) == evaluation.Line("well", "good food")
    assert evaluation.parse_line("Δ shorter updates", 3) == evaluation.Line("change", "shorter updates")
    assert evaluation.parse_line("hello", 3) is None
    entries = [EvaluationEntry(id=1, kind="rating", ratings=[4, 2], at=T0), EvaluationEntry(id=2, kind="rating", ratings=[5, 3], at=T0)]
    assert evaluation.averages(entries, 2) == [4.5, 2.5]
    assert evaluation.averages([], 2) == [None, None]


# Next steps and ending ----------------------------------------------------

def test_plain_lines_in_a_next_steps_item_are_actions(store, clock):
    session = meeting(store, clock, agenda("next_steps"))
    session.apply("Send the flyer @Grace due:friday")
    [step] = store.captures.next_steps(session.meeting_id)
    assert (step.text, step.owner_name, step.due) == ("Send the flyer", "Grace Lin", date(2026, 3, 13))


def test_ending_with_flagged_actions_asks_once(store, clock):
    session = meeting(store, clock, agenda("next_steps"))
    session.apply("Call the mayor")
    first = session.apply("/end")
    assert not first.ok and "1 next step lacks an owner or a due date (Call the mayor)" in first.error
    assert session.apply("/end").flow is FlowKind.END


def test_a_check_in_round_waits_for_the_meeting_to_start(store, clock):
    """A newcomer left Setup with Escape and pressed F5 four times meaning "present": four empty
    check-in answers were recorded before the meeting had begun."""
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="K", on=clock().date(), at=clock(), series="S")
    store.people.add_many(store.meetings.get(meeting_id).series_id, [("Amara", "", "", ""), ("Luis", "", "", "")])
    session = MeetingSession(store, meeting_id, clock)
    assert session.current_item().kind.value == "checkin" and session.clock().status.value == "not started"
    for _ in range(4):
        assert "has not started" in session.checkin.next_speaker().error
    assert store.db.execute("SELECT count(*) FROM checkin_answers").fetchone()[0] == 0
    session.apply("/start")
    assert session.checkin.next_speaker().ok  # seated once it has
