"""The readoutwatch image on its own: replay on a mounted seeds directory with a read-only root,
a non-root user, no compilers or pip, and a start-up within the health check's start period."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.conftest import REPO_ROOT
from tests.containers.waits import published_port, run_once, until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
START_PERIOD = 30  # the image's HEALTHCHECK --start-period


def test_replay_of_mounted_seeds_with_a_read_only_root(docker_client, images) -> None:  # type: ignore[no-untyped-def]
    code, out = run_once(
        docker_client,
        images["APP_IMAGE"],
        ["replay", "/seeds"],
        read_only=True,
        network_disabled=True,
        volumes={str(REPO_ROOT / "seeds"): {"bind": "/seeds", "mode": "ro"}},
    )
    assert code == 0, out
    alerts = out.strip().splitlines()
    assert len(alerts) == 7, out  # the seven alerts of seeds/ (CONTRACTS.md, replay)
    assert all(" new_contact: " in a or " silence_ended: " in a for a in alerts), out


def test_non_root_without_compilers_or_pip(docker_client, images) -> None:  # type: ignore[no-untyped-def]
    script = (
        "id -u; for t in gcc cc c++ make pip pip3; do command -v $t; done; "
        "ls -d ~/.cache /root/.cache 2>/dev/null; "
        "python -c 'import importlib.util as u; print(u.find_spec(\"pip\"))'"
    )
    _, out = run_once(
        docker_client, images["APP_IMAGE"], ["-c", script], entrypoint=["sh"], network_disabled=True
    )
    assert out.split() == ["10001", "None"], out


def test_starts_within_the_health_check_start_period(docker_client, images) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    container = docker_client.containers.run(
        images["APP_IMAGE"],
        ["run"],
        detach=True,
        read_only=True,
        ports={"8080/tcp": ("127.0.0.1", None)},
        labels={"readoutwatch.containers": "image-test"},
    )
    try:
        url = f"http://127.0.0.1:{published_port(container, '8080/tcp')}/readyz"

        def ready() -> bool:
            try:
                return httpx.get(url, timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        until(ready, START_PERIOD, "/readyz of `readoutwatch run`")
        took = time.monotonic() - started
        print(f"readoutwatch run: ready {took:.1f} s after docker run")
        container.stop(timeout=40)
        assert container.wait(timeout=5)["StatusCode"] == 0
    finally:
        container.remove(force=True, v=True)
