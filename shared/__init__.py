"""Code shared by the readoutwatch services: message schemas, settings, bus wiring.

Nothing here imports a service package; the services import from here and meet only on
the NATS subjects named in :mod:`shared.subjects`.
"""
