"""Throw-away certificates for the TLS tests, made with the openssl command: a CA, a server
certificate for 127.0.0.1 and a client certificate, all signed by that CA."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=30)


def certificates(d: Path) -> Path:
    """``d`` with ca.pem, server.pem/.key (for 127.0.0.1) and client.pem/.key."""
    d.mkdir(parents=True, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
             "-subj", "/CN=readoutwatch test CA", cwd=d)  # fmt: skip
    for name, ext in [
        ("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"),
        ("client", "extendedKeyUsage=clientAuth\n"),
    ]:
        (d / f"{name}.ext").write_text(ext, encoding="utf-8")
        _openssl("req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr",
                 "-subj", f"/CN=readoutwatch {name}", cwd=d)  # fmt: skip
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-out", f"{name}.pem", "-days", "1",
                 "-extfile", f"{name}.ext", cwd=d)  # fmt: skip
    return d


def two_authorities(root: Path) -> tuple[Path, Path]:
    """Two unrelated sets of certificates: the server's own ("ours"), and another CA's."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    return certificates(root / "ours"), certificates(root / "other")


def tls_args(certs: Path, *, verify_clients: bool = False) -> list[str]:
    """nats-server arguments: TLS with ``certs``' server certificate (and client checks)."""
    tls = ["--tls", "--tlscert", str(certs / "server.pem"), "--tlskey", str(certs / "server.key")]
    if verify_clients:
        tls += ["--tlscacert", str(certs / "ca.pem"), "--tlsverify"]
    return tls
