"""A meeting being run, with no Textual: `meeting.MeetingSession` and the parts it is made of.

`context` is what every part shares (the store, the time, the meeting as this seat knows it,
one transaction per command); `outcome` is what a command produced; `flow` moves through the
agenda; `notes` keeps notes and the parking lot; `view` is the plain view model the screens
and any other front-end draw. The activities themselves live in `facilitator.activities`.
"""
