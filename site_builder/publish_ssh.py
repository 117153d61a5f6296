"""An SSH destination (`ssh://user@host[:port]/path`), uploaded by SFTP through paramiko.

paramiko is pure Python: a volunteer on Windows needs no rsync and no OpenSSH client.
Keys and the agent are used as OpenSSH uses them (~/.ssh/config, ~/.ssh/id_*,
SSH_AUTH_SOCK), and ~/.ssh/known_hosts is checked: an unknown server is refused, naming
its key's fingerprint, unless --accept-new-host-key (a changed key is always refused).

Two ways to publish, the first wherever the server allows it:

- **Swap.** `path` is a symbolic link to a release folder beside it
  (`.<name>.site-builder/<release>/`). A publish makes a new release: unchanged files
  are hard links to the live release's (OpenSSH's hardlink@openssh.com, so nothing is
  sent twice), new and changed ones are uploaded, and the link is then replaced in one
  rename (posix-rename@openssh.com). Readers see the old site or the new one, whole;
  the old release is deleted after the swap. Used when `path` does not exist yet or is
  such a link, and the server makes symbolic and hard links.
- **Ordered.** Otherwise (`path` is an existing folder, or the server makes no links),
  files are replaced one by one in place, in publish.py's order, each written under a
  temporary name and renamed.
"""

from __future__ import annotations

import errno
import functools
import posixpath
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ParamSpec, TypeVar

import paramiko
from paramiko.sftp import CMD_EXTENDED

from site_builder.exit_codes import EXIT_INTERNAL, EXIT_USAGE
from site_builder.publish import Method, PublishProblem
from site_builder.publish_folder import part_name
from site_builder.publish_plan import MANIFEST, Built, Plan
from site_builder.publish_url import Where

TIMEOUT = 20.0
"""Seconds to wait for the server to answer a connection, a handshake or a login."""
Result = TypeVar("Result")
Params = ParamSpec("Params")
_LOST = (None, errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED, errno.ETIMEDOUT)
"""How a lost connection shows as an OSError (paramiko's own say no errno)."""


def check_remote_path(where: Where) -> None:
    """Refuse the remote root before connecting (the login folder is refused once connected)."""
    if where.path.startswith("/") and not where.path.strip("/"):
        raise PublishProblem("publish.dest_root", EXIT_USAGE, destination=where.text)
    if posixpath.normpath(where.path) in (".", "~"):
        raise PublishProblem("publish.dest_home", EXIT_USAGE, destination=where.text)


class _Refuse(paramiko.MissingHostKeyPolicy):
    """Refuse a server whose key known_hosts lacks, remembering the key to name it."""

    def __init__(self) -> None:
        self.key: paramiko.PKey | None = None

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> None:
        self.key = key
        raise paramiko.SSHException(f"unknown host key for {hostname}")


def _connect(where: Where, accept_new: bool) -> paramiko.SSHClient:
    """Log in as OpenSSH would, checking the server's key; say plainly what went wrong."""
    options: dict[str, object] = {}
    config_file = Path.home() / ".ssh" / "config"
    host, port, user = where.host, where.port, where.user
    if config_file.is_file():
        found = paramiko.SSHConfig.from_path(str(config_file)).lookup(where.host)
        host = found.get("hostname", host)
        port = port or (int(found["port"]) if "port" in found else None)
        user = user or found.get("user")
        if "identityfile" in found:
            options["key_filename"] = [str(Path(p).expanduser()) for p in found["identityfile"]]
    known = Path.home() / ".ssh" / "known_hosts"
    client = paramiko.SSHClient()
    if known.is_file():
        client.load_host_keys(str(known))
    refuse = _Refuse()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy() if accept_new else refuse)
    label = where.text
    try:
        client.connect(
            host, port or 22, username=user, timeout=TIMEOUT, banner_timeout=TIMEOUT,
            auth_timeout=TIMEOUT, **options,  # type: ignore[arg-type]
        )  # fmt: skip
    except paramiko.BadHostKeyException:
        raise PublishProblem("publish.ssh_changed_key", EXIT_USAGE, destination=label) from None
    except paramiko.AuthenticationException:
        raise PublishProblem("publish.ssh_auth", EXIT_INTERNAL, destination=label) from None
    except (paramiko.SSHException, OSError, EOFError) as failure:
        if refuse.key is not None:
            fingerprint = refuse.key.fingerprint
            code = "publish.ssh_unknown_host"
            raise PublishProblem(
                code, EXIT_USAGE, destination=label, fingerprint=fingerprint
            ) from None
        detail = (
            failure.strerror if isinstance(failure, OSError) and failure.strerror else str(failure)
        )
        raise PublishProblem(
            "publish.ssh_unreachable", EXIT_INTERNAL, destination=label, detail=detail or "?"
        ) from None
    if accept_new:
        known.parent.mkdir(mode=0o700, exist_ok=True)
        client.save_host_keys(str(known))
    return client


def _guarded(method: Callable[Params, Result]) -> Callable[Params, Result]:
    """Say a connection lost during any of a destination's steps as such (see _dropped)."""

    @functools.wraps(method)
    def guarded(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        destination = args[0]
        assert isinstance(destination, SshDestination)
        with _dropped(destination.label):
            return method(*args, **kwargs)

    return guarded


@contextmanager
def _dropped(label: str) -> Iterator[None]:
    """Turn a connection lost half way into the words a volunteer can act on."""
    try:
        yield
    except (OSError, paramiko.SSHException, EOFError) as failure:
        if isinstance(failure, OSError) and failure.errno not in _LOST:
            raise  # a refusal by the server's file system: said like a folder's
        raise PublishProblem("publish.ssh_dropped", EXIT_INTERNAL, destination=label) from None


class SshDestination:
    """Publish into a folder on an SSH server, by SFTP."""

    def __init__(self, where: Where, client: paramiko.SSHClient) -> None:
        self.label = where.text
        self.client = client
        self.sftp = client.open_sftp()
        self.path = posixpath.normpath(where.path)
        self.parent, self.name = posixpath.split(self.path)
        self.releases = posixpath.join(self.parent, f".{self.name}.site-builder")
        self.live: str | None = None  # the live release (swap), or None
        self.swap = False
        self.release = ""
        self.made: set[str] = set()
        self._inspect()

    @classmethod
    def connect(cls, where: Where, accept_new: bool) -> SshDestination:
        """Connect, log in and look at the destination."""
        client = _connect(where, accept_new)
        try:
            with _dropped(where.text):
                return cls(where, client)
        except BaseException:
            client.close()
            raise

    def _inspect(self) -> None:
        """Decide between swap and ordered from what `path` is."""
        home = self.sftp.normalize(".")
        try:
            here = self.sftp.lstat(self.path)
        except FileNotFoundError:
            try:
                self.sftp.stat(self.parent or ".")
            except FileNotFoundError:
                raise PublishProblem(
                    "publish.no_parent", EXIT_INTERNAL, destination=self.label, parent=self.parent
                ) from None
            self.swap = True
            return
        if stat.S_ISLNK(here.st_mode or 0):
            target = self.sftp.readlink(self.path) or ""
            prefix = posixpath.basename(self.releases) + "/"
            if target.startswith(prefix) and "/" not in target[len(prefix) :]:
                self.swap, self.live = True, posixpath.join(self.parent, target)
                return
        elif not stat.S_ISDIR(here.st_mode or 0):
            raise PublishProblem("publish.dest_not_folder", EXIT_USAGE, destination=self.label)
        if self.sftp.normalize(self.path) in (home, "/"):
            raise PublishProblem("publish.dest_home", EXIT_USAGE, destination=self.label)

    def _root(self) -> str:
        """Return where files are read from: the live release, or the folder itself."""
        return self.live if self.swap and self.live else self.path

    @_guarded
    def read_manifest(self) -> bytes | None:
        """Return the manifest, or None."""
        if self.swap and self.live is None:
            return None
        try:
            with self.sftp.open(posixpath.join(self._root(), MANIFEST), "rb") as handle:
                return bytes(handle.read())
        except FileNotFoundError:
            return None

    @_guarded
    def holds_anything(self) -> bool:
        """Tell whether the folder holds anything."""
        if self.swap and self.live is None:
            return False
        return bool(self.sftp.listdir(self._root()))

    def check_room(self, built: Built, work: Plan) -> None:
        """Nothing to check: SFTP does not say how much room a server has."""

    @_guarded
    def begin(self) -> None:
        """Make the new release (swap), or fall back to ordered when the server cannot link."""
        if self.swap:
            self._mkdir(self.releases)
            self.release = posixpath.join(
                self.releases, time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
            )
            self._mkdir(self.release)
            if not self._links_work():
                self._remove_tree(self.release)
                self.swap = False
        if not self.swap:
            self._mkdir(self._root())

    def _links_work(self) -> bool:
        """Tell whether the server makes symbolic links and (with a live release) hard links."""
        probe = posixpath.join(self.release, ".probe")
        try:
            self.sftp.symlink("x", probe)
            self.sftp.remove(probe)
            if self.live is not None:
                self._hardlink(posixpath.join(self.live, MANIFEST), probe)
                self.sftp.remove(probe)
        except OSError:
            return False
        return True

    def _hardlink(self, existing: str, new: str) -> None:
        # paramiko has no call of its own for OpenSSH's hardlink extension (its posix_rename
        # sends its sibling the same way); the version bound (<6) keeps this private call
        self.sftp._request(CMD_EXTENDED, "hardlink@openssh.com", existing, new)  # type: ignore[attr-defined]

    @_guarded
    def put(self, relative: str, source: Path) -> None:
        """Upload one file: into the new release, or in place under a temporary name."""
        target = posixpath.join(self.release if self.swap else self.path, relative)
        self._mkdir(posixpath.dirname(target))
        self._upload(source.read_bytes(), target, atomic=not self.swap)

    @_guarded
    def keep(self, relative: str) -> None:
        """Link an unchanged file into the new release (swap); nothing in place."""
        if self.swap and self.live is not None:
            target = posixpath.join(self.release, relative)
            self._mkdir(posixpath.dirname(target))
            self._hardlink(posixpath.join(self.live or "", relative), target)

    @_guarded
    def delete(self, relative: str) -> None:
        """Delete one file in place, and the folders it leaves empty (a release lacks it)."""
        if self.swap:
            return
        path = posixpath.join(self.path, relative)
        folder, name = posixpath.split(path)
        for leftover in (path, posixpath.join(folder, part_name(name))):
            with suppress(FileNotFoundError):
                self.sftp.remove(leftover)
        while folder != self.path and folder.startswith(self.path + "/"):
            try:
                self.sftp.rmdir(folder)
            except OSError:
                break
            folder = posixpath.dirname(folder)

    @_guarded
    def write_manifest(self, data: bytes) -> None:
        """Write the manifest: into the new release, or in place atomically."""
        target = posixpath.join(self.release if self.swap else self.path, MANIFEST)
        self._upload(data, target, atomic=not self.swap)

    @_guarded
    def finish(self, built: Built, work: Plan) -> Method:
        """Swap the link to the new release and delete the old ones; or say it was in place."""
        if not self.swap:
            existing = "publish.method_ssh_ordered"
            return Method(existing, {"path": self.path})
        link = posixpath.join(self.parent, f".{self.name}.site-builder-link")
        relative = posixpath.relpath(self.release, self.parent or ".")
        with suppress(FileNotFoundError):
            self.sftp.remove(link)
        self.sftp.symlink(relative, link)
        self.sftp.posix_rename(link, self.path)  # one step: the old site, then the new
        for old in self.sftp.listdir(self.releases):
            if posixpath.join(self.releases, old) != self.release:
                self._remove_tree(posixpath.join(self.releases, old))
        return Method("publish.method_swap", {"path": self.path})

    def abandon(self) -> None:
        """Remove the unfinished release (swap); in place, the manifest says what is pending."""
        if self.swap and self.release:
            with suppress(Exception):  # the connection may be what failed
                self._remove_tree(self.release)

    def close(self) -> None:
        """Close the connection."""
        with suppress(Exception):
            self.sftp.close()
        self.client.close()

    def _upload(self, data: bytes, target: str, atomic: bool) -> None:
        folder, name = posixpath.split(target)
        written = posixpath.join(folder, part_name(name)) if atomic else target
        with self.sftp.open(written, "wb") as handle:
            handle.set_pipelined(True)
            handle.write(data)
        if atomic:
            self.sftp.posix_rename(written, target)

    def _mkdir(self, folder: str) -> None:
        """Make `folder` and its missing parents, asking the server once per folder."""
        if not folder or folder in self.made:
            return
        try:
            self.sftp.stat(folder)
        except FileNotFoundError:
            self._mkdir(posixpath.dirname(folder))
            self.sftp.mkdir(folder)
        self.made.add(folder)

    def _remove_tree(self, folder: str) -> None:
        for entry in self.sftp.listdir_attr(folder):
            path = posixpath.join(folder, entry.filename)
            if stat.S_ISDIR(entry.st_mode or 0):
                self._remove_tree(path)
            else:
                self.sftp.remove(path)
        self.sftp.rmdir(folder)
