"""The notifier service: readouts in, alerts out, delivered through an outbox.

Entry points: ``record_readout`` (one readout, one transaction), ``check_silences`` (the
scheduled ``silence_started`` check), ``deliver_pending`` and ``run_outbox`` (the delivery
worker), ``build_channels``, ``upgrade_database`` (Alembic migrations), ``list_alerts``.
"""
