"""Start real servers on 127.0.0.1 for tests: `sikg serve` and the Oxigraph server."""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from support import sikg_exe

__all__ = ["free_port", "oxigraph_exe", "running", "sikg_exe", "wait_for"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = getattr(proc, "log", None)
            said = Path(log.name).read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {said}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


@contextlib.contextmanager
def running(cmd: list[str], ready_url: str, *, cwd: Path | None = None, timeout: float = 30.0,
            stop_wait: float = 10.0, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """Start a server, wait until ``ready_url`` answers, and stop it afterwards (kill if it lingers).
    Its output goes to a file (``proc.log``), never to a pipe nobody reads, which would fill and stall
    a server that logs every request."""
    log = tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
    proc.log = log
    try:
        wait_for(ready_url, proc, timeout=timeout)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(stop_wait)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        Path(log.name).unlink(missing_ok=True)


def oxigraph_exe() -> str | None:
    exe = Path(sys.executable).with_name("oxigraph")
    return str(exe) if exe.exists() else shutil.which("oxigraph")
