""".ci/audit.py (`make audit`): PyPI's project document stands in for a missing release document
only for the latest release, and its advisories then reach pip-audit like any others."""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Any

import pytest
from packaging.version import Version

from tests.conftest import REPO_ROOT

pytest.importorskip("pip_audit")

import requests
from pip_audit._service.interface import ResolvedDependency, SkippedDependency
from pip_audit._service.pypi import PyPIService

ADVISORY = {
    "id": "PYSEC-0000-1",
    "aliases": ["CVE-0000-1"],
    "summary": "a test advisory",
    "fixed_in": ["2.0.1"],
    "withdrawn": None,
}


def _shim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_audit", REPO_ROOT / ".ci" / "audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Response:
    def __init__(self, status: int, body: dict[str, Any] | None = None) -> None:
        self.status_code, self._body = status, body or {}
        self.ok = status < 400

    def json(self) -> dict[str, Any]:
        return self._body

    def raise_for_status(self) -> None:
        if not self.ok:
            raise requests.HTTPError(response=self)  # type: ignore[arg-type]


class _ProxySession:
    """A PyPI that, like some package proxies, serves only /pypi/<name>/json."""

    def __init__(self, latest: str) -> None:
        self.latest = latest

    def get(self, url: str, **_: Any) -> _Response:
        if url.count("/") == 5:  # https://pypi.org/pypi/<name>/json
            return _Response(200, {"info": {"version": self.latest}, "vulnerabilities": [ADVISORY]})
        return _Response(404)


def _query(latest: str, pinned: str) -> tuple[Any, list[Any]]:
    service = PyPIService()
    service.session = _shim().LatestReleaseFallback(_ProxySession(latest))
    return service.query(ResolvedDependency(name="demo", version=Version(pinned)))


def test_the_latest_release_is_audited_from_the_project_document() -> None:
    dependency, vulns = _query(latest="2.0.0", pinned="2.0.0")
    assert isinstance(dependency, ResolvedDependency)
    assert [v.id for v in vulns] == ["PYSEC-0000-1"]
    assert vulns[0].fix_versions == [Version("2.0.1")]


def test_an_older_pin_is_not_audited_so_strict_fails_it() -> None:
    dependency, vulns = _query(latest="2.0.0", pinned="1.9.0")
    assert isinstance(dependency, SkippedDependency) and vulns == []
