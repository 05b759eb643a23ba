"""The composition root: which service objects a `run`, `fetcher`, … command starts."""

from __future__ import annotations

from collections.abc import Sequence

from services.runtime import Service
from shared.errors import ConfigError
from shared.settings import Settings


def build(settings: Settings, roles: Sequence[str]) -> list[Service]:
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
        elif role == "web":
            from services.notifier.web.service import WebService

            if settings.http.port < 0 and len(roles) > 1:
                continue  # `run` with its HTTP server turned off: no dashboard either
            services.append(WebService(settings))
        else:
            raise ConfigError(f"unknown service {role!r}")
    return services
