"""Which activity runs which kind of agenda item: the one place an activity is registered.

Adding an activity kind means a domain module in this package (its pure logic, an `Activity`
and its view struct), a panel renderer in `facilitator.widgets.panels` and a minutes section,
all three found by the activity's `name`, and one line here.
"""

from __future__ import annotations

from facilitator.activities.base import Activity
from facilitator.activities.brainwriting import Brainwriting
from facilitator.activities.checkin import CheckinRound
from facilitator.activities.decisions import Decisions
from facilitator.activities.document import DocumentPanel
from facilitator.activities.evaluation import Evaluation
from facilitator.activities.next_steps import NextSteps, ReviewList
from facilitator.models import ItemKind

ACTIVITIES: tuple[type[Activity], ...] = (CheckinRound, Brainwriting, Decisions, NextSteps, Evaluation, ReviewList, DocumentPanel)
"""Every activity a meeting can run; each names the item kinds it owns (a review runs in items
the template marks `review = true`, a document panel in items that name a `document`, whatever
their kind, when the kind has no activity of its own)."""

BY_KIND: dict[ItemKind, type[Activity]] = {kind: activity for activity in ACTIVITIES for kind in activity.kinds}
