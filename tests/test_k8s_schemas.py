"""deploy/k8s against the Kubernetes API schemas, offline: kubernetes-validate bundles them.
Strict: a misspelt or misplaced field is an error, not ignored.  The Kustomization (not an API
object) and nats-values.yaml (Helm values) are left out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT

kubernetes_validate = pytest.importorskip("kubernetes_validate")

K8S = REPO_ROOT / "deploy" / "k8s"
VERSION = "1.30.0"  # the oldest Kubernetes release the manifests promise to apply to
NOT_OBJECTS = {"kustomization.yaml", "nats-values.yaml"}
OBJECTS = sorted(p for p in K8S.glob("*.yaml") if p.name not in NOT_OBJECTS)


@pytest.mark.parametrize("path", OBJECTS, ids=lambda p: p.name)
def test_manifest_is_valid_for_kubernetes(path: Path) -> None:
    docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    assert docs
    for doc in docs:
        kubernetes_validate.validate(doc, VERSION, strict=True)


def test_an_invalid_manifest_is_refused() -> None:
    """The check can fail: a Deployment whose replicas is a string does."""
    doc = yaml.safe_load((K8S / "notifier.yaml").read_text(encoding="utf-8"))
    doc["spec"]["replicas"] = "one"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(doc, VERSION, strict=True)
    doc["spec"]["replicas"] = 1
    doc["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Never"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(doc, VERSION, strict=True)
