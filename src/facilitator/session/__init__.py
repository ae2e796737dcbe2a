"""A meeting being run, with no Textual: `meeting.MeetingSession` and the parts it is made of.

`flow` moves through the agenda; `notes` keeps notes and the parking lot; `corrections` undoes,
corrects and strikes; `people` keeps the roster and attendance; `drafts` the workshop documents;
`participants` what phones may send; `view` is the plain view model the screens and any other
front-end draw. The parts stand on `facilitator.parts` (their shared context and what a command
produced); the activities themselves live in `facilitator.activities`.
"""
