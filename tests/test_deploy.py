"""deploy/ against the code: every file parses, and every command, option, environment variable,
secret and port it names exists.  tests/containers runs the image and the compose stack where a
Docker daemon runs; these checks hold everywhere.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic import BaseModel

from services.cli import build_parser
from shared.natsserver import find_server_binary
from shared.settings import HttpSettings, Settings, load_settings
from tests.conftest import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
K8S = DEPLOY / "k8s"
HTTP_PORT = HttpSettings().port  # 8080
NATS_PORT = 4222  # nats-server's client port (the embedded one picks a free port instead)
PG_PORT = 5432
CONFIG_IN_CONTAINER = "/etc/readoutwatch/readoutwatch.toml"


def env_names() -> set[str]:
    """Every READOUTWATCH_* variable Settings reads, and the *_FILE form of each section key."""
    names = set()
    for name, field in Settings.model_fields.items():
        section = field.annotation
        if isinstance(section, type) and issubclass(section, BaseModel):
            keys = {f"READOUTWATCH_{name}_{key}".upper() for key in section.model_fields}
            names |= keys | {f"{key}_FILE" for key in keys}
        else:
            names.add(f"READOUTWATCH_{name}".upper())
    return names


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) of deploy/Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def k8s_docs() -> list[dict[str, Any]]:
    """The Kubernetes objects of deploy/k8s (nats-values.yaml holds Helm values, not objects)."""
    docs = []
    for path in sorted(set(K8S.glob("*.yaml")) - {K8S / "nats-values.yaml"}):
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


def containers() -> list[dict[str, Any]]:
    return [
        c
        for d in k8s_docs()
        if d.get("kind") == "Deployment"
        for c in d["spec"]["template"]["spec"]["containers"]
    ]


def app_services() -> dict[str, dict[str, Any]]:
    return {n: s for n, s in compose()["services"].items() if "readoutwatch" in s.get("image", "")}


def port_of(url: str) -> int | None:
    """The port of a URL that may hold compose interpolations (``${VAR:?message}``)."""
    return urlsplit(re.sub(r"\$\{[^}]*\}", "x", url)).port


def assert_cli_accepts(argv: list[str]) -> None:
    if argv[0] == "web" and "web" not in subcommands():
        # `readoutwatch web` comes from another branch; until then only the shape is checked.
        assert argv == ["web", "--config", CONFIG_IN_CONTAINER], argv
        return
    try:
        build_parser().parse_args(argv)
    except SystemExit as exc:
        raise AssertionError(f"`readoutwatch {' '.join(argv)}` is not a valid command") from exc
    assert argv[0] in {"run", "fetcher", "extractor", "notifier", "web"}, argv


def subcommands() -> set[str]:
    actions = build_parser()._subparsers._group_actions  # type: ignore[union-attr]
    return {name for action in actions for name in action.choices}


def test_every_file_parses() -> None:
    for path in DEPLOY.rglob("*"):
        if path.suffix in (".yaml", ".yml"):
            assert list(yaml.safe_load_all(path.read_text(encoding="utf-8"))), path
        elif path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert all((K8S / name).is_file() for name in kustomization["resources"])


def test_nats_conf_is_valid_for_nats_server() -> None:
    env = {**os.environ, "NATS_PASSWORD": "test"}
    check = subprocess.run(
        [str(find_server_binary()), "-c", str(DEPLOY / "nats.conf"), "-t"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert re.search(rf"^port: {NATS_PORT}$", (DEPLOY / "nats.conf").read_text(), re.M)


def test_every_readoutwatch_variable_is_a_setting() -> None:
    valid = env_names()
    assert {"READOUTWATCH_NATS_URL", "READOUTWATCH_SMTP_PASSWORD_FILE"} <= valid
    for path in DEPLOY.rglob("*"):
        if path.is_file() and path.suffix != ".whl":  # deploy/wheelhouse/ of `make images`
            for name in re.findall(r"READOUTWATCH_[A-Z][A-Z0-9_]*", path.read_text("utf-8")):
                assert name in valid, f"{path.relative_to(REPO_ROOT)} names unknown {name}"


def test_dockerfile_image() -> None:
    steps = dockerfile()
    script = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert steps[0] == ("ARG", "BASE_IMAGE=python:3.11-slim")  # before FROM: both stages
    assert [a for i, a in steps if i == "FROM"] == ["${BASE_IMAGE} AS build", "${BASE_IMAGE}"]
    assert not any(line.startswith("# syntax") for line in (DEPLOY / "Dockerfile").open())
    final = steps[max(n for n, (i, _) in enumerate(steps) if i == "FROM") :]
    args = {i: a for i, a in final}
    assert args["USER"] not in ("root", "0")
    assert json.loads(args["ENTRYPOINT"]) == ["readoutwatch"] and "readoutwatch" in script
    assert_cli_accepts(json.loads(args["CMD"]))
    assert "READOUTWATCH_HTTP_HOST=0.0.0.0" in args["ENV"]
    assert args["EXPOSE"] == str(HTTP_PORT)
    assert "/healthz" in args["HEALTHCHECK"] and f"'{HTTP_PORT}'" in args["HEALTHCHECK"]
    assert any(re.search(r"pip .*install -c constraints.txt", a) for i, a in steps if i == "RUN")


def test_compose_services() -> None:
    doc = compose()
    services = app_services()
    assert set(services) == {"fetcher", "extractor", "notifier", "web"}
    assert services["extractor"]["deploy"]["replicas"] == 2
    assert "-js" in doc["services"]["nats"]["command"][0]
    assert str(NATS_PORT) in doc["services"]["nats"]["expose"]
    assert str(PG_PORT) in doc["services"]["postgres"]["expose"]
    assert "nats-data:/data" in doc["services"]["nats"]["volumes"]
    for name, service in services.items():
        assert_cli_accepts(service["command"])
        assert service["command"][0] == name and CONFIG_IN_CONTAINER in service["command"]
        env = service["environment"]
        assert port_of(env["READOUTWATCH_NATS_URL"]) == NATS_PORT
        assert "READOUTWATCH_DATABASE_URL" not in env  # a secret: only as a file
        assert env["READOUTWATCH_DATABASE_URL_FILE"] == "/run/secrets/database_url"
        for port in service.get("ports", []):
            assert port.rsplit(":", 1)[1] == str(HTTP_PORT)
        mounted = {f"/run/secrets/{s}" for s in service["secrets"]}
        assert set(service["secrets"]) <= set(doc["secrets"])
        named = {v for v in env.values() if v.startswith("/run/secrets/")}
        toml = (DEPLOY / "readoutwatch.compose.toml").read_text(encoding="utf-8")
        assert named | set(re.findall(r'"(/run/secrets/[^"]+)"', toml)) <= mounted
    sources = {s["environment"] for s in doc["secrets"].values()}
    example = (DEPLOY / "compose.env.example").read_text(encoding="utf-8")
    assert sources == set(re.findall(r"^([A-Z_]+)=", example, re.M))
    url = re.search(r"^DATABASE_URL=(.*)$", example, re.M)
    assert url and url.group(1).startswith("postgresql+asyncpg://")
    assert port_of(url.group(1)) == PG_PORT


def test_kubernetes_deployments() -> None:
    deployments = {d["metadata"]["name"]: d for d in k8s_docs() if d["kind"] == "Deployment"}
    assert {n.removeprefix("readoutwatch-") for n in deployments} == {
        "fetcher",
        "extractor",
        "notifier",
        "web",
    }
    secret = next(d for d in k8s_docs() if d["kind"] == "Secret")
    for container in containers():
        assert_cli_accepts(container["args"])
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports == {"http": HTTP_PORT}
        for probe, path in [("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")]:
            get = container[probe]["httpGet"]
            assert get["path"] == path and ports.get(get["port"], get["port"]) == HTTP_PORT
        assert {"requests", "limits"} <= set(container["resources"])
        for var in container["env"]:
            if "valueFrom" in var:
                assert var["valueFrom"]["secretKeyRef"]["key"] in secret["stringData"]
            elif var["value"].startswith("/run/secrets/readoutwatch/"):
                assert var["value"].rsplit("/", 1)[1] in secret["stringData"]
            elif var["name"] == "READOUTWATCH_NATS_URL":
                assert port_of(var["value"]) == NATS_PORT
    assert port_of(secret["stringData"]["database-url"]) == PG_PORT
    service = next(d for d in k8s_docs() if d["kind"] == "Service")
    assert service["spec"]["ports"][0]["port"] == HTTP_PORT
    assert service["metadata"]["annotations"]["prometheus.io/port"] == str(HTTP_PORT)


def test_nats_helm_values_make_a_three_node_jetstream_cluster() -> None:
    values = yaml.safe_load((K8S / "nats-values.yaml").read_text(encoding="utf-8"))
    assert values["config"]["cluster"] == {"enabled": True, "replicas": 3}
    assert values["config"]["jetstream"]["enabled"] is True
    configmap = next(d for d in k8s_docs() if d["kind"] == "ConfigMap")
    assert tomllib.loads(configmap["data"]["readoutwatch.toml"])["nats"]["replicas"] == 3


@pytest.mark.parametrize("where", ["compose", "k8s"])
def test_configuration_loads_as_settings(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TOML files load, their secrets read from (here: stand-in) files."""
    for name in list(os.environ):
        if name.startswith("READOUTWATCH_"):
            monkeypatch.delenv(name)
    if where == "compose":
        text = (DEPLOY / "readoutwatch.compose.toml").read_text(encoding="utf-8")
    else:
        configmap = next(d for d in k8s_docs() if d["kind"] == "ConfigMap")
        text = configmap["data"]["readoutwatch.toml"]
    for path in set(re.findall(r'"/run/secrets/([^"]+)"', text)):
        stand_in = tmp_path / path.replace("/", "_")
        stand_in.write_text(f"secret-of-{stand_in.name}\n", encoding="utf-8")
        text = text.replace(f'"/run/secrets/{path}"', f'"{stand_in}"')
    (tmp_path / "readoutwatch.toml").write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path / "readoutwatch.toml")
    assert settings.http.port == HTTP_PORT
    assert settings.subscriptions[0].slack_webhook is not None
    assert settings.subscriptions[0].slack_webhook.get_secret_value().startswith("secret-of-")
