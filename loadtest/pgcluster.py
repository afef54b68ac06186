"""A private PostgreSQL 15 cluster for the load test: made in a temporary directory on its own port, restarted
at will, removed afterwards. The shared server other work runs on is never touched."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_owner(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """initdb and the server refuse to run as root: as root, run them as the postgres account."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120, **kwargs)


class Cluster:
    def __init__(self, port: int):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix=f"mt-load-pg-{port}-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        _as_owner([str(BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                   "--locale=C.UTF-8"])
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c max_connections=100"
        _as_owner([str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start"])

    def restart(self) -> float:
        """`pg_ctl restart -m fast`: every connection is cut, the server comes back. Returns the seconds it took."""
        started = time.monotonic()
        _as_owner([str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "restart"])
        return time.monotonic() - started

    def createdb(self, name: str) -> None:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
                       check=True, capture_output=True, text=True, timeout=60)

    def remove(self, *, keep_files: bool = False) -> None:
        """Stop the server and delete its directory (`keep_files`: only stop it, the logs stay)."""
        if (self.data / "postmaster.pid").exists():
            try:
                _as_owner([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
            except subprocess.CalledProcessError:
                pass
        if not keep_files:
            shutil.rmtree(self.dir, ignore_errors=True)
