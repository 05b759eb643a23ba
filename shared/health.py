"""The process's one HTTP server: GET /healthz, /readyz, /metrics, and the routes services add.

An ``aiohttp.web`` application run by an ``AppRunner`` inside the services' event loop: it
starts and stops with them and never installs signal handlers (``serve_until_signal`` owns
SIGINT/SIGTERM).  A service that serves pages (the web role) adds its routes through
``extend`` before the server starts: aiohttp freezes the router at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared.errors import ConfigError
from shared.metrics import REGISTRY

log = logging.getLogger(__name__)
Extension = Callable[[web.Application], None]


class HealthServer:
    def __init__(
        self,
        host: str,
        port: int,
        ready: Callable[[], bool],
        extend: Sequence[Extension] = (),
    ) -> None:
        self.host, self.port, self._ready = host, port, ready
        self.app = web.Application()
        self.app.router.add_get("/healthz", self._healthz)
        self.app.router.add_get("/readyz", self._readyz)
        self.app.router.add_get("/metrics", self._metrics)
        for add in extend:
            add(self.app)
        self._pages = bool(extend)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise ConfigError(
                f"cannot serve /healthz on {self.host}:{self.port} ({exc.strerror}); "
                "set [http] port (0 picks a free port, -1 disables)"
            ) from exc
        self._runner = runner
        self.port = runner.addresses[0][1]
        log.info(
            "health and metrics on http://%s:%d/{healthz,readyz,metrics}", self.host, self.port
        )
        if self._pages:
            log.info("dashboard on http://%s:%d/", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _readyz(self, request: web.Request) -> web.Response:
        if self._ready():
            return web.Response(text="ready\n")
        return web.Response(status=503, text="not ready\n")

    async def _metrics(self, request: web.Request) -> web.Response:
        return web.Response(
            body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )
