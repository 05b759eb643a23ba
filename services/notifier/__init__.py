"""The notifier service: readouts in, alerts out, delivered through an outbox.

Entry points: ``record_readout`` (one readout, one transaction), ``deliver_pending`` and
``run_outbox`` (the delivery worker), ``build_channels``, ``create_schema``.
"""
