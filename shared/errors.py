"""The one exception tree of readoutwatch.

    ReadoutwatchError
    ├── ConfigError          bad or missing configuration; the command cannot start
    ├── BrokerError          the embedded nats-server cannot be started / reached
    ├── TransientError       worth retrying later (network down, server 5xx, database locked)
    │   └── DeliveryError    a channel (Slack, SMTP, webhook) did not accept an alert
    └── PermanentError       retrying will not help (malformed payload, undecodable page);
        └── SourceError      a feed or page that cannot be parsed

Adapters catch library exceptions (aiohttp, feedparser, SQLAlchemy, smtplib) and re-raise one of
these ``from exc``, so service logic never catches a library's exception.  Consumers nack a
``TransientError`` for redelivery and dead-letter a ``PermanentError`` at once.
"""

from __future__ import annotations


class ReadoutwatchError(Exception):
    """Base of every error raised on purpose by readoutwatch."""


class ConfigError(ReadoutwatchError):
    pass


class BrokerError(ReadoutwatchError):
    pass


class TransientError(ReadoutwatchError):
    pass


class DeliveryError(TransientError):
    pass


class PermanentError(ReadoutwatchError):
    pass


class SourceError(PermanentError):
    pass
