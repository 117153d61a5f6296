"""A real OpenSSH server for the publish tests: Debian's sshd on 127.0.0.1, a free port,
a throwaway host key and user key. Where sshd is missing the tests skip, saying why; under
CI (the CI variable set) they fail instead, as .ci/run installs openssh-server."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = Path("/usr/sbin/sshd")


def require_sshd() -> None:
    """Skip the test (fail under CI) when OpenSSH's server or ssh-keygen is missing."""
    missing = [str(tool) for tool in (SSHD,) if not tool.exists()]
    missing += [tool for tool in ("ssh-keygen",) if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"openssh-server is not installed ({', '.join(missing)} missing)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: .ci/run installs it with apt-get")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def keygen(path: Path) -> str:
    """Make an ed25519 key pair without a passphrase at `path`; return the public key's line."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", str(path)], check=True
    )
    return path.with_suffix(".pub").read_text(encoding="utf-8").strip()


@dataclass
class Server:
    """One sshd, its keys, and the client's home (~/.ssh with the user key and known_hosts)."""

    folder: Path
    home: Path
    port: int
    host_key: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"ssh://root@127.0.0.1:{self.port}"

    def trust(self) -> None:
        """Write the server's key into the client's known_hosts, as ssh would after a yes."""
        kind, key = self.host_key.split()[:2]
        line = f"[127.0.0.1]:{self.port} {kind} {key}\n"
        (self.home / ".ssh" / "known_hosts").write_text(line, encoding="utf-8")

    def start(self) -> None:
        """Start sshd in a process group of its own; wait until it answers."""
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege separation folder
        self.process = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(self.folder / "sshd_config")],
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited with {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("sshd did not start listening")

    def drop(self) -> None:
        """Kill sshd and every connection it serves, at once (a dropped connection).

        Each connection's sshd calls setsid(), so it is not in sshd's process group: the
        processes are found as sshd's descendants, and only those are killed.
        """
        if self.process is None or self.process.poll() is not None:
            return
        for pid in [self.process.pid, *_descendants(self.process.pid)]:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()


def _descendants(pid: int) -> list[int]:
    """Return the processes descended from `pid` (Linux /proc), children first."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def make_server(base: Path) -> Server:
    """Write an sshd's configuration and keys under `base`, and a client home beside them."""
    folder, home = base / "sshd", base / "home"
    (home / ".ssh").mkdir(parents=True)
    folder.mkdir()
    host_key = keygen(folder / "host_key")
    user_key = keygen(home / ".ssh" / "id_ed25519")
    (folder / "authorized_keys").write_text(user_key + "\n", encoding="utf-8")
    port = free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
        "UsePAM no\nStrictModes no\nPermitRootLogin yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\n",
        encoding="utf-8",
    )
    return Server(folder, home, port, host_key)
