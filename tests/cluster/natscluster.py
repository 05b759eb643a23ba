"""A 3-node nats-server cluster with JetStream on loopback, built from ``EmbeddedNats`` nodes.

Each node gets its own server name, client port, route port, monitoring port and JetStream
store, and routes to the other two.  ``url`` lists every node, comma-separated, the way a
service's ``[nats] url`` names a cluster.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from shared.errors import BrokerError
from shared.natsserver import EmbeddedNats, free_port


@dataclass
class NatsCluster:
    """``size`` routed nats-server nodes; start() waits until JetStream answers on every one."""

    base_dir: Path
    size: int = 3
    name: str = "rwtest"
    nodes: list[EmbeddedNats] = field(default_factory=list)
    monitor_ports: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        route_ports = [free_port() for _ in range(self.size)]
        self.monitor_ports = [free_port() for _ in range(self.size)]
        for n in range(self.size):
            routes = ",".join(
                f"nats-route://127.0.0.1:{port}" for i, port in enumerate(route_ports) if i != n
            )
            extra = [
                "--server_name",
                f"n{n + 1}",
                "--cluster_name",
                self.name,
                "--cluster",
                f"nats://127.0.0.1:{route_ports[n]}",
                "--routes",
                routes,
                "-m",
                str(self.monitor_ports[n]),
            ]
            node = EmbeddedNats(self.base_dir / f"n{n + 1}", port=free_port(), extra_args=extra)
            self.nodes.append(node)

    @property
    def url(self) -> str:
        return ",".join(node.url for node in self.nodes)

    def start(self, timeout: float = 30.0) -> NatsCluster:
        for node in self.nodes:
            node.start()
        self.wait_healthy(range(self.size), timeout)
        return self

    def wait_healthy(self, which: range | list[int], timeout: float = 30.0) -> None:
        """Block until each node's /healthz says its JetStream is current (meta leader known)."""
        deadline = time.monotonic() + timeout
        for n in which:
            url = f"http://127.0.0.1:{self.monitor_ports[n]}/healthz"
            while True:
                try:
                    if httpx.get(url, timeout=1.0).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise BrokerError(f"cluster node n{n + 1} not healthy within {timeout}s")
                time.sleep(0.1)

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()

    def __enter__(self) -> NatsCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
