"""Fixtures of the container suite: a Docker daemon (else each test is skipped with the reason),
the images of ``make images``, and the compose stack on networks of its own (``stack.py``)."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cluster.procs import write_config
from tests.conftest import REPO_ROOT
from tests.containers.running import Running
from tests.containers.site import FeedSite, Slack
from tests.containers.stack import Stack, remove
from tests.containers.waits import healthy, published_port, run_once


@pytest.fixture(scope="session")
def docker_client():  # type: ignore[no-untyped-def]
    try:
        import docker

        client = docker.from_env(timeout=120)
        client.ping()
    except Exception as exc:
        pytest.skip(f"container suite skipped: no Docker daemon answers ({exc})")
    yield client
    client.close()


@pytest.fixture(scope="session")
def images(docker_client: object) -> dict[str, str]:
    """``make images`` (reuses what exists); the names it wrote to build/images.env."""
    build = subprocess.run(
        [REPO_ROOT / "deploy/images/build.sh"], capture_output=True, text=True, timeout=1500
    )
    if build.returncode != 0 and shutil.which("debootstrap") is None:
        pytest.skip("container suite skipped: no registry and no debootstrap to build base images")
    assert build.returncode == 0, f"make images failed:\n{build.stderr[-3000:]}"
    lines = (REPO_ROOT / "build/images.env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def web_skip_reason(client, image: str) -> str | None:  # type: ignore[no-untyped-def]
    """None when the image's CLI has ``readoutwatch web``, else why the container is left out."""
    code, _ = run_once(client, image, ["web", "--help"], network_disabled=True)
    if code != 0:
        return (
            f"{image} has no `readoutwatch web` (`web --help` exited {code}): web container skipped"
        )
    return None


@pytest.fixture(scope="session")
def stack(
    docker_client, images: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Running]:  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("containers")
    values = {
        "nats_password": secrets.token_hex(16),
        "postgres_password": secrets.token_hex(16),
        "smtp_password": secrets.token_hex(16),
        "slack_webhook": f"http://slack:8000/hook/{secrets.token_hex(16)}",
    }
    values["database_url"] = (
        f"postgresql+asyncpg://readoutwatch:{values['postgres_password']}@postgres:5432/readoutwatch"
    )
    (work / "secrets").mkdir(mode=0o755)
    for name, value in values.items():
        (work / "secrets" / name).write_text(value, encoding="utf-8")
        (work / "secrets" / name).chmod(0o644)  # compose mounts secrets 0444 too
    config = write_config(
        work / "readoutwatch.toml",
        {
            "log_level": "INFO",
            "nats": {"max_deliver": 20, "ack_wait_seconds": 10, "replicas": 1},
            "fetcher": {"allow_private_networks": True, "backfill": True},
            "sources": [{"url": "http://feed:8000/feed.xml", "kind": "feed", "every": "2s"}],
            "http": {"port": 8080},
            "output": {"console": True},
            "subscriptions": [{"name": "desk", "slack_webhook_file": "/run/secrets/slack_webhook"}],
        },
    )
    config.chmod(0o644)
    site = FeedSite(work / "site")
    run = f"rwtest-{uuid.uuid4().hex[:8]}"
    stack = Stack(docker_client, run, images, config, work / "secrets")
    try:
        stack.service("nats", "nats", ["bus"])
        stack.service("postgres", "postgres", ["db"])
        python = ["python", "-m", "http.server", "8000", "--directory", "/srv"]
        none = {"test": ["NONE"]}  # not readoutwatch: the image's check does not apply
        stack.start(
            "APP_IMAGE",
            "feed",
            ["bus"],
            entrypoint=python,
            healthcheck=none,
            read_only=True,
            volumes={str(site.root): {"bind": "/srv", "mode": "ro"}},
        )
        receiver = Path(__file__).with_name("receiver.py")
        slack = stack.start(
            "APP_IMAGE",
            "slack",
            ["bus"],
            read_only=True,
            entrypoint=["python", "/app/receiver.py", "8000"],
            healthcheck=none,
            volumes={str(receiver): {"bind": "/app/receiver.py", "mode": "ro"}},
            ports={"8000/tcp": ("127.0.0.1", None)},
        )
        healthy(stack, ["nats", "postgres"])
        stack.service("fetcher", "fetcher", ["bus", "db"])
        stack.service("extractor", "extractor-1", ["bus", "db"])
        stack.service("extractor", "extractor-2", ["bus", "db"])
        stack.service("notifier", "notifier", ["bus", "db"])
        skipped = web_skip_reason(docker_client, images["APP_IMAGE"])
        if skipped is None:
            stack.service("web", "web", ["bus", "db"])
        else:
            print(skipped)
        base = f"http://127.0.0.1:{published_port(slack, '8000/tcp')}"
        yield Running(stack, site, Slack(base), values, skipped)
    finally:
        stack.close()
        remove(docker_client, run)
