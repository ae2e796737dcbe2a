"""The facilitation activities: one module each, with its pure logic and its part of a running
meeting (an `Activity` given the meeting's context). `registry` says which kind of agenda item
runs which activity."""
