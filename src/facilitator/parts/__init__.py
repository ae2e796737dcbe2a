"""What every part of a running meeting stands on, with no Textual: `context` (the store, the
time, the meeting as this seat knows it, one transaction per command) and `outcome` (what a
command produced). The activities (`facilitator.activities`) and the session's own parts
(`facilitator.session`) are built on these two."""
