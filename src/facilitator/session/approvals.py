"""Minutes approved at a later meeting: a decision in the item that approves them ("Approve the
minutes of <date>"), adopted or adopted as amended, keeps those minutes as they read at that
moment, with the quorum then, and every export of them renders what was kept."""

from __future__ import annotations

from facilitator.models import Decision
from facilitator.parts.context import Part
from facilitator.store.documents import ADOPTING


class Approvals(Part):
    def approve(self, decision: Decision) -> str | None:
        """When `decision` was taken in an approval item, approve (and keep) those minutes; what to say."""
        ctx = self.ctx
        item = ctx.items.get(decision.item_id)
        if item is None or item.approves_meeting_id is None:
            return None
        store = self.store
        target = store.meetings.get(item.approves_meeting_id)
        which = f"The minutes of {target.title} ({target.date.isoformat()})"
        if decision.outcome not in ADOPTING:
            return f"{which} are not approved ({decision.outcome or 'no outcome recorded'})."
        if store.meetings.approval_by(decision.origin) is not None:
            return f"{which} stay approved as they were kept."
        from facilitator.minutes.kept import freeze, stored
        from facilitator.minutes.model import MinutesApproval, quorum_words

        approval = MinutesApproval(
            date=ctx.meeting.date, meeting=ctx.meeting.title, method=decision.method, outcome=decision.outcome or "adopted",
            quorum=quorum_words(decision.quorum_present, decision.quorum_needed, decision.quorum_met),
        )
        kept = freeze(store, target.id, ctx.now(), approval)
        outline, minutes_json = stored(kept)
        store.meetings.approve(
            target.id, decision.origin, ctx.meeting_id, at=ctx.now(), outcome=approval.outcome, method=decision.method,
            quorum=(decision.quorum_present, decision.quorum_needed, decision.quorum_met), outline=outline, minutes_json=minutes_json,
        )
        said = f"{which} are approved" + (" as amended" if decision.outcome == "amended" else "")
        said += " and kept as approved; what is corrected in them from now on is listed as a later amendment."
        if decision.quorum_met is False:
            said += " There was no quorum: the minutes say so."
        return said
