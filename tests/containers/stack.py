"""deploy/compose.yaml, started through the Docker SDK (no compose implementation here runs it:
docs/containers.md).  Each service's entrypoint, command, environment, secrets, volumes, health
check, restart policy and read-only root come from the compose file (its stop grace period is what
the tests give ``docker stop``, as compose does); the suite supplies the images, its configuration
file, the secret files and the networks:

    bus: nats, the readoutwatch services, the feed server and the Slack receiver
    db:  postgres and the readoutwatch services (the notifier is cut from it alone)

Every object carries the label ``readoutwatch.containers=<run>`` and ``close`` removes them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker
import yaml
from docker.models.containers import Container
from docker.models.networks import Network
from docker.types import EndpointConfig

from tests.conftest import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
CONFIG_IN_CONTAINER = "/etc/readoutwatch/readoutwatch.toml"
LABEL = "readoutwatch.containers"
SECOND = 1_000_000_000  # health check times are in nanoseconds


def compose_services() -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return doc["services"]


def seconds(text: str) -> int:
    match = re.fullmatch(r"(\d+)s", text)
    assert match, f"stop_grace_period {text!r}: the suite reads plain seconds"
    return int(match.group(1))


@dataclass
class Stack:
    client: docker.DockerClient
    run: str  # unique per test run: names and labels
    images: dict[str, str]  # compose's image variable -> image
    config: Path  # the readoutwatch TOML mounted at CONFIG_IN_CONTAINER
    secrets: Path  # one file a compose secret
    containers: dict[str, Container] = field(default_factory=dict)
    networks: dict[str, Network] = field(default_factory=dict)

    def network(self, name: str) -> Network:
        if name not in self.networks:
            self.networks[name] = self.client.networks.create(
                f"{self.run}-{name}", driver="bridge", labels={LABEL: self.run}
            )
        return self.networks[name]

    def service(self, service: str, name: str, networks: list[str], **extra: Any) -> Container:
        """Start compose's ``service`` as the container ``name`` (its alias on each network)."""
        spec = compose_services()[service]
        image = re.fullmatch(r"\$\{(\w+):-[^}]+\}", spec["image"])
        assert image, f"{service}: image is not a ${{VARIABLE:-default}}"
        volumes = {
            str(self.secrets / s): {"bind": f"/run/secrets/{s}", "mode": "ro"}
            for s in spec.get("secrets", [])
        }
        for volume in spec.get("volumes", []):
            source, target, *mode = volume.split(":")
            if source.startswith("./"):
                source = str(self.config if target == CONFIG_IN_CONTAINER else DEPLOY / source)
            else:  # a named volume, this run's own
                source = self.client.volumes.create(
                    f"{self.run}-{source}", labels={LABEL: self.run}
                ).name
            volumes[source] = {"bind": target, "mode": mode[0] if mode else "rw"}
        kwargs: dict[str, Any] = {
            "entrypoint": spec.get("entrypoint"),
            "command": [arg.replace("$$", "$") for arg in spec.get("command", [])] or None,
            "environment": spec.get("environment", {}),
            "volumes": volumes,
            "read_only": spec.get("read_only", False),
            "restart_policy": {"Name": spec.get("restart", "no")},
            "healthcheck": self.healthcheck(spec),
            **extra,
        }
        return self.start(image.group(1), name, networks, **kwargs)

    def start(self, image: str, name: str, networks: list[str], **kwargs: Any) -> Container:
        first, *others = (self.network(n).name for n in networks)
        api = self.client.api.api_version
        container = self.client.containers.create(
            self.images.get(image, image),
            name=f"{self.run}-{name}",
            labels={LABEL: self.run},
            network=first,
            networking_config={first: EndpointConfig(api, aliases=[name])},
            **kwargs,
        )
        for net in others:
            self.client.networks.get(net).connect(container, aliases=[name])
        container.start()
        self.containers[name] = container
        return container

    @staticmethod
    def healthcheck(spec: dict[str, Any]) -> dict[str, Any]:
        """Compose's check (the image's when compose names none), asked every second."""
        check = {"interval": SECOND, "timeout": 5 * SECOND, "retries": 3}
        if "healthcheck" in spec:
            check["test"] = spec["healthcheck"]["test"]
        return check

    def close(self) -> None:
        remove(self.client, self.run)


def remove(client: docker.DockerClient, run: str | None = None) -> None:
    """Remove the containers, networks and volumes of ``run`` (of every run when None)."""
    label = f"{LABEL}={run}" if run else LABEL
    for container in client.containers.list(all=True, filters={"label": label}):
        container.remove(force=True, v=True)
    for network in client.networks.list(filters={"label": label}):
        network.remove()
    for volume in client.volumes.list(filters={"label": label}):
        volume.remove(force=True)
