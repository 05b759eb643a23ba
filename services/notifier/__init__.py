"""The notifier service: readouts in, alerts out, delivered through an outbox.

Entry points: ``record_readouts`` (a batch of readouts, one transaction; ``record_readout`` for
one; ``record_and_lease`` commits the deliveries already claimed, for the service to send at
once through its ``Sender``), ``check_silences`` (the scheduled ``silence_started`` check),
``deliver_pending`` and ``run_outbox`` (the delivery worker), ``build_channels``,
``upgrade_database`` (Alembic migrations), ``list_alerts``.
"""
