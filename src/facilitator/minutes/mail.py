"""Minutes out the door: a draft email (.eml) to the people who came, with the minutes as its
body (HTML, and Markdown for mail readers without HTML), the PDF and the next steps' calendar
attached. `X-Unsent: 1` makes Outlook and Thunderbird open it as a draft to check and send.

Standard library `email` only; names with accents are encoded as RFC 2047 asks.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

import msgspec

from facilitator.minutes.html import render_outline as render_html
from facilitator.minutes.kept import as_they_stand
from facilitator.minutes.markdown import render_outline as render_markdown
from facilitator.minutes.next_steps import action_rows, render_ics
from facilitator.minutes.pdf import render_outline as render_pdf
from facilitator.models import AttendanceStatus, Person
from facilitator.store import Store
from facilitator.text import clean

CAME = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


class Draft(msgspec.Struct, frozen=True):
    message: bytes
    addressed: list[str]
    """The names it is addressed to."""
    no_email: list[str]
    """People who came and have no email on the roster: the sender adds them or sends another way."""


def draft_email(store: Store, meeting_id: int, now: datetime) -> Draft:
    """The minutes as they stand for sending (as approved, once they are), to those who came."""
    meeting = store.meetings.get(meeting_id)
    kept = as_they_stand(store, meeting_id, now)
    came: list[Person] = [r.person for r in store.people.attendance(meeting_id) if r.status in CAME]
    with_email = [p for p in came if p.email]
    message = EmailMessage(policy=SMTP)
    message["Subject"] = clean(f"Minutes: {meeting.title} ({meeting.date.isoformat()})")
    if with_email:
        message["To"] = ", ".join(formataddr((clean(p.name), p.email)) for p in with_email)
    message["Date"] = format_datetime(now)
    message["X-Unsent"] = "1"
    message.set_content(render_markdown(kept.outline), cte="quoted-printable")
    message.add_alternative(render_html(kept.outline), subtype="html", cte="quoted-printable")
    stem = f"minutes-{meeting.date.isoformat()}"
    message.add_attachment(render_pdf(kept.outline), maintype="application", subtype="pdf", filename=f"{stem}.pdf")
    rows = [row for row in action_rows(store, meeting_id=meeting_id) if row.due is not None]
    if rows:
        calendar = render_ics(rows, now, store.archive.database_id()).decode("utf-8")  # as text, so it says its charset
        message.add_attachment(calendar, subtype="calendar", cte="base64", filename=f"next-steps-{meeting.date.isoformat()}.ics")
    return Draft(message=message.as_bytes(), addressed=[p.name for p in with_email], no_email=[p.name for p in came if not p.email])
