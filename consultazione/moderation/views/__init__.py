"""Moderator UI (queue, review, curation, outcomes, blocks) and the public moderation pages."""
