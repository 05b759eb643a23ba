"""The composition root: which service objects a `run`, `fetcher`, … command starts."""

from __future__ import annotations

from collections.abc import Iterable

from services.runtime import Service
from shared.errors import ConfigError
from shared.settings import Settings


def build(settings: Settings, roles: Iterable[str]) -> list[Service]:
    services: list[Service] = []
    for role in roles:
        if role == "fetcher":
            from services.fetcher.service import FetcherService

            services.append(FetcherService(settings))
        elif role == "extractor":
            from services.extractor.service import ExtractorService

            services.append(ExtractorService(settings))
        elif role == "notifier":
            from services.notifier.service import NotifierService

            services.append(NotifierService(settings))
        else:
            raise ConfigError(f"unknown service {role!r}")
    return services
