"""Waiting on containers: health status, restarts, published ports; and the exactly-once check
of a batch's alerts against the Slack receiver."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from docker import DockerClient
from docker.models.containers import Container

from tests.containers.site import ALERT_ID, SOURCE, Slack
from tests.containers.stack import Stack

RESENT = re.compile(r"resending delivery \d+ of alert (al_[0-9a-f]+) over slack")


def until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.5)


def state(container: Container) -> dict:  # type: ignore[type-arg]
    container.reload()
    return container.attrs["State"]  # type: ignore[no-any-return]


def health(container: Container) -> str:
    return str(state(container).get("Health", {}).get("Status", "none"))


def healthy(stack: Stack, names: list[str], timeout: float = 120) -> None:
    for name in names:
        container = stack.containers[name]
        try:
            until(lambda c=container: health(c) == "healthy", timeout, f"{name} healthy")
        except AssertionError as exc:
            logs = container.logs(tail=30).decode("utf-8", "replace")
            raise AssertionError(f"{exc}; {name} is {health(container)}:\n{logs}") from None


def published_port(container: Container, port: str) -> int:
    container.reload()
    return int(container.attrs["NetworkSettings"]["Ports"][port][0]["HostPort"])


def arrived(slack: Slack, expected: set[str]) -> int:
    return len(expected & set(slack.sources()))


def assert_exactly_once(
    slack: Slack, expected: set[str], settle: float = 12, notifier: Container | None = None
) -> None:
    """Every alert of ``expected`` arrived, and (after ``settle`` s for late redeliveries) no
    alert of the whole run arrived twice -- except, at most twice, an alert the ``notifier``
    container logged it sent again after a SIGKILL (``notifier_resent``)."""
    until(lambda: expected <= set(slack.sources()), 240, "every alert of the batch")
    time.sleep(settle)
    resent = notifier_resent(notifier) if notifier is not None else set()
    if resent:
        print(f"resent after a kill (each may arrive twice): {sorted(resent)}")
    bodies = slack.without_resends(resent)
    sources = Counter(url for body in bodies for url in set(SOURCE.findall(body)))
    twice = {url: n for url, n in sources.items() if n > 1}
    assert not twice, f"alerts sent more than once: {twice} (resent after a kill: {resent})"
    ids = Counter(m.group(1) for body in bodies if (m := ALERT_ID.search(body)))
    repeated = {alert: n for alert, n in ids.items() if n > 1}
    assert not repeated, f"alert ids sent more than once: {repeated} (resent: {resent})"


def notifier_resent(container: Container) -> set[str]:
    """The alerts this notifier container logged it sent again over Slack because the process
    that had claimed them was gone (``services/notifier/claims.py``)."""
    logs = container.logs().decode("utf-8", "replace")
    return set(RESENT.findall(logs))


def run_once(
    client: DockerClient, image: str, command: list[str], **kwargs: Any
) -> tuple[int, str]:
    """``docker run --rm``: the exit code and standard output; anonymous volumes removed too."""
    container = client.containers.run(image, command, detach=True, **kwargs)
    try:
        code = int(container.wait(timeout=300)["StatusCode"])
        return code, container.logs(stdout=True, stderr=False).decode("utf-8", "replace")
    finally:
        container.remove(force=True, v=True)
