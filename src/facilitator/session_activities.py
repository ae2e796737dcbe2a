"""What each kind of agenda item does with the capture bar: check-in answers, brainwriting
ideas, groups and dots, evaluation lines, next steps; decisions with quorum; the review list.

A mixin of `MeetingSession`: no Textual, and every capture is stored before it returns.
"""

from __future__ import annotations

from datetime import timedelta

import msgspec

from facilitator.activities import brainwriting, checkin, evaluation, voices
from facilitator.activities.decisions import Quorum, quorum
from facilitator.activities.review import OUTCOMES, ReviewItem, review_list
from facilitator.capture import Action, AddItem, Decide, Hand, QueueMode, Question, RenameTheme, ReviewMark, Speak, parse
from facilitator.clock import Status
from facilitator.models import AgendaItem, AttendanceStatus, CheckinSeat, EntryKind, ItemKind, Person
from facilitator.outcomes import ENTRY_LABELS, Capture, Outcome, decision_capture, guarded


CHECKIN_KINDS = (ItemKind.CHECKIN, ItemKind.ICEBREAKER)
SEAT_HEARTBEAT = 5  # seconds between a seat's "still here"
SEAT_TIMEOUT = 15  # a seat silent this long is gone


class ActivityCommands:
    """Activity behaviour for `MeetingSession`; relies on its store, clock and roster."""

    # Plain text, by kind of item ---------------------------------------

    def _activity_line(self, item: AgendaItem, text: str) -> Outcome | None:
        """Handle a plain line the current item's activity claims, or None for an ordinary note."""
        if item.kind in CHECKIN_KINDS and checkin.current_seat(self.store.checkin_seats(item.id)):
            return self.checkin_answer(text)
        if item.kind is ItemKind.BRAINWRITING:
            return self._brainwriting_line(item, text)
        if item.kind is ItemKind.EVALUATION:
            line = evaluation.parse_line(text, len(self.evaluation_questions(item)))
            if isinstance(line, str):
                return Outcome(error=line)
            if line is not None:
                self.store.add_evaluation(self.meeting_id, item.id, line.kind, at=self.now(), text=line.text, ratings=line.ratings)
                said = {"well": "Went well", "change": "To change", "rating": "Ratings"}[line.kind]
                shown = line.text if line.text is not None else " ".join(map(str, line.ratings))
                return Outcome(capture=self._capture(said.lower(), shown), message=f"{said}: saved.")
        if item.kind is ItemKind.NEXT_STEPS:
            command = parse(f"/action {text}", self.today())
            if isinstance(command, Action):
                return self._action(command)
        return None

    # Check-in rounds ---------------------------------------------------

    def checkin_seats(self, item: AgendaItem | None = None) -> list[CheckinSeat]:
        return self.store.checkin_seats((item or self.current_item()).id)

    @guarded
    def start_round(self, *, shuffle: bool = False) -> Outcome:
        """Seat everyone here (everyone on the roster when attendance is not taken yet)."""
        item = self.current_item()
        if item.kind not in CHECKIN_KINDS:
            return Outcome(error="Check-in rounds run in check-in and icebreaker items.")
        seated = {seat.person.id for seat in self.checkin_seats(item)}
        if seated:
            return self._reshuffle(item) if shuffle else Outcome(error="The round is already seated; F7 shuffles who is still waiting.")
        if not self.roster:
            return Outcome(error="The roster is empty: type a name and press F9 to add someone, or F3 for the roster.")
        away = {r.person.id for r in self.store.attendance(self.meeting_id) if r.status in (AttendanceStatus.ABSENT, AttendanceStatus.LEFT_EARLY)}
        # Seated order is the order people joined the roster, which is how most rooms fill.
        people = [p.id for p in sorted(self.roster, key=lambda p: p.id) if p.id not in away]
        if shuffle:
            people = checkin.shuffled(people, seed=int(self.now().timestamp()))
        self.store.seat_checkin(self.meeting_id, item.id, people, at=self.now())
        self._give_floor_to_current(item)
        order = "shuffled" if shuffle else "in seated order"
        return Outcome(message=f"Round seated {order}: {len(people)} people.", agenda_changed=True)

    def _reshuffle(self, item: AgendaItem) -> Outcome:
        waiting = [seat.person.id for seat in checkin.waiting(self.checkin_seats(item))]
        self.store.reorder_checkin(item.id, checkin.shuffled(waiting, seed=int(self.now().timestamp())))
        self._give_floor_to_current(item)
        return Outcome(message="Shuffled the people still waiting.", agenda_changed=True)

    @guarded
    def checkin_answer(self, text: str | None, *, passed: bool = False, absent: bool = False) -> Outcome:
        """The current speaker's one line (or pass); the next person gets the floor."""
        item = self.current_item()
        seat = checkin.current_seat(self.checkin_seats(item))
        if seat is None:
            return Outcome(error="Nobody is waiting in this round. F5 seats the round if it has not started.")
        at = self.now()
        self.store.record_checkin(self.meeting_id, item.id, seat.person.id, answer=text, passed=passed or absent, at=at)
        marked = {r.person.id for r in self.store.attendance(self.meeting_id)}
        if absent:
            self.store.set_attendance(self.meeting_id, seat.person.id, AttendanceStatus.ABSENT, at)
        elif seat.person.id not in marked:
            self.store.set_attendance(self.meeting_id, seat.person.id, AttendanceStatus.PRESENT, at)
        nxt = self._give_floor_to_current(item)
        said = "not here" if absent else "passed" if passed else (text or "spoke")
        message = f"{seat.person.name}: {said}. " + (f"Next: {nxt.name}." if nxt else "Everyone has checked in.")
        capture = self._capture("check-in", f"{seat.person.name}: {said}")
        return Outcome(capture=capture, message=message, agenda_changed=True)

    def _give_floor_to_current(self, item: AgendaItem) -> Person | None:
        """Check-in turns count as speaking turns."""
        seat = checkin.current_seat(self.checkin_seats(item))
        at = self.now()
        if seat is None or self.clock().status is not Status.RUNNING:
            self.store.end_turn(self.meeting_id, at=at)
            return seat.person if seat else None
        self.store.start_turn(self.meeting_id, item.id, seat.person.id, at=at)
        return seat.person

    @guarded
    def add_to_round(self, name: str) -> Outcome:
        """Someone not on the roster joins: on the roster, present, and last in the round."""
        name = " ".join(name.split())
        if not name:
            return Outcome(error="Type the person's name in the bar, then press F9.")
        item = self.current_item()
        found = self.find_person(name)
        person = found if isinstance(found, Person) and found.name.casefold() == name.casefold() else None
        if person is None:
            series_id = self.store.ensure_series(self.meeting_id, at=self.now())
            person = self.store.add_person(series_id, name)
            self.reload_roster()
        self.store.set_attendance(self.meeting_id, person.id, AttendanceStatus.PRESENT, self.now())
        if item.kind in CHECKIN_KINDS:
            self.store.seat_checkin(self.meeting_id, item.id, [person.id], at=self.now())
        return Outcome(message=f"{person.name} is here and joins the round.", agenda_changed=True)

    def ask_question(self, command: Question) -> Outcome:
        item = self.current_item()
        series_id = self.store.ensure_series(self.meeting_id, at=self.now())
        if command.text:
            question_id = self.store.add_checkin_question(series_id, command.text, at=self.now())
            text = command.text
        else:
            chosen = checkin.next_question(self.store.checkin_questions(series_id))
            if chosen is None:
                return Outcome(error="No saved questions yet: /question TEXT saves one and asks it.")
            question_id, text = chosen
        self.store.use_checkin_question(question_id, self.meeting_id, item.id, at=self.now())
        self.store.set_prompt(item.id, text)
        self._items[item.id] = msgspec.structs.replace(item, prompt=text)
        return Outcome(message="Question for this round set.", agenda_changed=True)

    # Brainwriting ------------------------------------------------------

    def phase(self, item: AgendaItem | None = None) -> str:
        item = item or self.current_item()
        return item.phase or "write"

    @guarded
    def change_phase(self, step: int) -> Outcome:
        item = self.current_item()
        if item.kind is not ItemKind.BRAINWRITING:
            return Outcome(error="Phases belong to brainwriting items.")
        phase = brainwriting.next_phase(item.phase, step)
        self.store.set_phase(item.id, phase)
        self._items[item.id] = msgspec.structs.replace(item, phase=phase)
        return Outcome(message=brainwriting.PHASE_HELP[phase], agenda_changed=True)

    def _brainwriting_line(self, item: AgendaItem, text: str) -> Outcome:
        phase = self.phase(item)
        if phase == "write":
            return self._idea(text, None)
        ideas = self.store.ideas(item.id)
        if phase == "group":
            grouping = brainwriting.parse_grouping(text)
            if grouping is None:
                return self._plain_note(item, text, hint="a grouping looks like 3 5 7: Transport")
            problem = brainwriting.check_numbers(grouping.numbers, ideas)
            if problem:
                return Outcome(error=problem)
            theme_id = self.store.theme_id(self.meeting_id, item.id, grouping.theme)
            self.store.assign_theme([ideas[n - 1].id for n in grouping.numbers], theme_id)
            return Outcome(message=f"{len(set(grouping.numbers))} idea(s) in {grouping.theme}.", agenda_changed=True)
        if phase == "vote":
            votes = brainwriting.parse_votes(text)
            if votes is None:
                return self._plain_note(item, text, hint="a vote looks like Amara: 3 3 5")
            person = self.find_person(votes.name)
            if isinstance(person, str):
                return Outcome(error=person)
            problem = brainwriting.check_numbers(votes.numbers, ideas) or brainwriting.check_budget(person.name, votes.numbers, item.dot_budget)
            if problem:
                return Outcome(error=problem)
            self.store.set_dots(item.id, person.id, [ideas[n - 1].id for n in votes.numbers], at=self.now())
            return Outcome(message=f"{person.name}: {len(votes.numbers)} of {item.dot_budget} dots placed.", agenda_changed=True)
        return self._plain_note(item, text)  # the results are up: what is said about them is a note

    def _plain_note(self, item: AgendaItem, text: str, *, hint: str = "") -> Outcome:
        """A note, not an idea: after the writing phase what people say is discussion. A line
        that was meant for the phase but does not read as such is kept, and the hint says so."""
        return self._saved_entry(item, text, EntryKind.NOTE, f"Saved as a note; {hint}." if hint else None)

    def _saved_entry(self, item: AgendaItem, text: str, kind: EntryKind, message: str | None = None) -> Outcome:
        """Store a note or a parked item on `item`, and show it."""
        entry = self.store.add_entry(self.meeting_id, item.id, text, at=self.now(), kind=kind)
        return Outcome(capture=Capture(entry.created_at, ENTRY_LABELS[kind], entry.text), message=message)

    def _idea(self, text: str, author: str | None) -> Outcome:
        item = self.current_item()
        person = None
        if author:
            person = self.find_person(author)
            if isinstance(person, str):
                return Outcome(error=person)
        entry = self.store.add_entry(self.meeting_id, item.id, text, at=self.now(), kind=EntryKind.IDEA)
        if person is not None:
            self.store.set_author(entry.id, person.id)
        number = len(self.store.ideas(item.id))
        return Outcome(capture=self._capture("idea", f"{number}. {text}"), agenda_changed=item.kind is ItemKind.BRAINWRITING)

    def rename_theme(self, command: RenameTheme) -> Outcome:
        item = self.current_item()
        themes = {t.name.casefold(): t for t in self.store.themes(item.id)}
        old = themes.get(command.old.casefold())
        if old is None:
            return Outcome(error=f"There is no theme {command.old!r} in this item.")
        into = themes.get(command.new.casefold())
        if into is not None and into.id != old.id:
            self.store.merge_themes(old.id, into.id)
            return Outcome(message=f"Merged {old.name} into {into.name}.", agenda_changed=True)
        self.store.rename_theme(old.id, command.new)
        return Outcome(message=f"Renamed {old.name} to {command.new}.", agenda_changed=True)

    # Decisions ---------------------------------------------------------

    def quorum_now(self) -> Quorum:
        return quorum(self.roster, self.store.attendance(self.meeting_id), self.store.meeting(self.meeting_id).quorum)

    @guarded
    def record_decision(self, text: str, **details: object) -> Outcome:
        """Any decision, with the quorum as it stands at this moment recorded beside it."""
        now_quorum = self.quorum_now()
        decision = self.store.add_decision(
            self.meeting_id, self.current_item().id, text, at=self.now(),
            quorum_present=now_quorum.present, quorum_needed=now_quorum.needed, quorum_met=now_quorum.met,
            **{k: v for k, v in details.items() if v is not None},
        )
        return Outcome(capture=decision_capture(decision), message=f"Decision recorded; {now_quorum}.")

    def _decide(self, command: Decide) -> Outcome:
        return self.record_decision(
            command.text, outcome=command.outcome, votes_for=command.votes_for, votes_against=command.votes_against,
            votes_abstain=command.abstain, method=command.method, stand_asides=command.stand_asides,
            blocks=command.blocks, review_date=command.review_date,
        )

    # Review of what earlier meetings left open -------------------------

    def review_items(self) -> list[ReviewItem]:
        return review_list(self.store, self.meeting_id)

    @guarded
    def mark_review(self, command: ReviewMark) -> Outcome:
        items = self.review_items()
        if not 1 <= command.number <= len(items):
            return Outcome(error=f"There is no review item {command.number}; the list has {len(items)} (F4 shows it).")
        item = items[command.number - 1]
        outcome = OUTCOMES[item.subject].get(command.verb)
        if outcome is None:
            allowed = ", ".join(f"/{verb}" for verb in OUTCOMES[item.subject])
            return Outcome(error=f"Review item {item.number} is a {item.subject}: use {allowed}.")
        self.store.add_review(self.meeting_id, item.subject, item.ref_id, outcome, at=self.now())
        if outcome == "moved onto the agenda":
            return self._add_item(AddItem(item.text[:80], 10, ItemKind.DISCUSSION))
        return Outcome(message=f"{item.text}: {outcome}.", agenda_changed=True)

    # Evaluation --------------------------------------------------------

    def evaluation_questions(self, item: AgendaItem | None = None) -> list[str]:
        item = item or self.current_item()
        return item.questions or list(evaluation.DEFAULT_QUESTIONS)

    def evaluation_trend(self) -> list[tuple[str, list[float | None]]]:
        """Average ratings of this series' last meetings, oldest first, this one last."""
        rows = [{"id": self.meeting_id, "title": self.meeting.title, "date": self.meeting.date.isoformat()}]
        rows += self.store.earlier_meetings(self.meeting_id)[:4]
        trend = []
        for row in reversed(rows):
            entries = [e for e in self.store.evaluations(row["id"]) if e.kind == "rating"]
            if entries or row["id"] == self.meeting_id:
                trend.append((f"{row['title']} ({row['date']})", evaluation.averages(entries, len(self.evaluation_questions()))))
        return trend

    # Everyone heard ----------------------------------------------------

    def recover_open_turn(self) -> None:
        """After a crash a turn is still open: end it at the last moment anything was written,
        not at the restart, so the time the app was down is nobody's speaking time. Not while
        another seat is alive: then the turn is still running there."""
        open_turns = self.store.open_turns(self.meeting_id)
        if not open_turns or self.store.live_seats(self.meeting_id, since=self.now() - timedelta(seconds=SEAT_TIMEOUT)):
            return
        last = self.store.last_known_moment(self.meeting_id)
        if last is not None:
            self.store.end_turn(self.meeting_id, at=max(last, max(t.started_at for t in open_turns)))

    def numbered_roster(self) -> list[Person]:
        """The roster as the voices panel numbers it, for `/speak 3`."""
        return sorted(self.roster, key=lambda p: p.name.casefold())

    def pick_person(self, typed: str) -> Person | str:
        if typed.isdigit():
            people = self.numbered_roster()
            number = int(typed)
            return people[number - 1] if 1 <= number <= len(people) else f"There is no person {number}; the roster has {len(people)}."
        return self.find_person(typed)

    def raise_hand(self, command: Hand) -> Outcome:
        person = self.pick_person(command.name)
        if isinstance(person, str):
            return Outcome(error=person)
        if not self.store.raise_hand(self.meeting_id, person.id, at=self.now()):
            return Outcome(error=f"{person.name} is already in the queue.")
        return Outcome(message=f"{person.name} is in the queue ({len(self.store.hands_up(self.meeting_id))} waiting).", agenda_changed=True)

    def speaker_queue(self) -> list[Person]:
        hands = self.store.hands_up(self.meeting_id)
        if self.store.queue_mode(self.meeting_id) == "progressive":
            spoken = {pid: air.seconds for pid, air in voices.by_person(self.store.turns(self.meeting_id), self.now()).items()}
            order = voices.progressive_order(hands, spoken)
        else:
            order = [pid for pid, _ in hands]
        people = {p.id: p for p in self.roster}
        return [people[pid] for pid in order if pid in people]

    @guarded
    def next_from_queue(self) -> Outcome:
        queue = self.speaker_queue()
        if not queue:
            return Outcome(error="Nobody is waiting: /hand NAME adds someone to the queue.")
        person = queue[0]
        self.store.call_from_queue(self.meeting_id, person.id, at=self.now())
        return self._speak(Speak(person.name))

    def set_queue_mode(self, command: QueueMode) -> Outcome:
        self.store.set_queue_mode(self.meeting_id, command.mode)
        return Outcome(message=f"Speaker queue: {command.mode}.", agenda_changed=True)

    def voices(self) -> voices.Voices:
        return voices.summarise(
            self.store.turns(self.meeting_id), self.roster, self.store.attendance(self.meeting_id),
            self.store.series_sectors(self.meeting.series_id), self.now(),
        )

    # Ending ------------------------------------------------------------

    def flagged_actions(self) -> list[str]:
        return [step.text for step in self.store.next_steps(self.meeting_id) if step.flagged]

    def _capture(self, label: str, text: str) -> Capture:
        return Capture(self.now(), label, text)

