"""Alembic revisions of the notifier's tables (applied by ``services.notifier.migrate``)."""
