"""Accounts, roles, API keys, audit trail and the outbox."""
