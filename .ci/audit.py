"""`make audit`: pip-audit with PyPI's vulnerability service, over the pins of constraints.txt.

pip-audit asks PyPI for each pinned release (``/pypi/<name>/<version>/json``) and reads the
advisories listed there.  Some networks, behind a package proxy, serve only the per-project
document (``/pypi/<name>/json``): the same PyPI data, for the latest release.  When the release
document is missing and the pinned version is the latest release, this uses the project
document instead; any other pin that cannot be audited fails the run (pip-audit ``--strict``),
so nothing passes unaudited.  Everything else is pip-audit itself; arguments go to it.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from packaging.version import InvalidVersion, Version
from pip_audit._cli import audit
from pip_audit._service import pypi

RELEASE_URL = re.compile(r"https://pypi\.org/pypi/(?P<name>[^/]+)/(?P<version>[^/]+)/json")


def is_latest(project: dict[str, Any], version: str) -> bool:
    """True when ``version`` is the release PyPI's project document describes."""
    try:
        return Version(project["info"]["version"]) == Version(version)
    except (KeyError, TypeError, InvalidVersion):
        return False


class LatestReleaseFallback:
    """A requests session for pip-audit's PyPIService that falls back as described above."""

    def __init__(self, session: Any) -> None:
        self._session = session

    def get(self, url: str, **kwargs: Any) -> Any:
        response = self._session.get(url=url, **kwargs)
        match = RELEASE_URL.fullmatch(url)
        if response.status_code != 404 or match is None:
            return response
        project = self._session.get(url=f"https://pypi.org/pypi/{match['name']}/json", **kwargs)
        if project.ok and is_latest(project.json(), match["version"]):
            return project
        if project.ok:
            latest = project.json().get("info", {}).get("version")
            print(
                f"audit: {match['name']} {match['version']} cannot be audited here: this network "
                f"serves only the latest release's document ({latest}); update the pin in "
                "constraints.txt to audit it",
                file=sys.stderr,
            )
        return response


def _with_fallback(init: Any) -> Any:
    def patched(self: pypi.PyPIService, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.session = LatestReleaseFallback(self.session)  # type: ignore[assignment]

    return patched


if __name__ == "__main__":
    pypi.PyPIService.__init__ = _with_fallback(pypi.PyPIService.__init__)  # type: ignore[method-assign]
    sys.argv[0] = "pip-audit"
    audit()
