"""The facilitation activities as pure logic: check-in rounds, brainwriting, decisions, review, evaluation."""
