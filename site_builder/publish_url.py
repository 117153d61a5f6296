"""Where a publish goes, as written: a folder, ssh://user@host[:port]/path or git+URL[#branch].

The same text is read from `--to` and from a `to:` in site.yaml's `publish:` section. A
destination never carries a secret: a password in a URL is refused (keys and the
ssh-agent are used for SSH, an environment variable for git over https).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

DEFAULT_BRANCH = "gh-pages"
"""The branch a git destination publishes to when the URL names none (GitHub Pages' own)."""
KINDS = ("folder", "ssh", "git")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_DRIVE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")
_SCP_LIKE = re.compile(r"^[^/\\:@\s]+@[^/\\:\s]+:")
_BRANCH = re.compile(r"^(?!-)(?!/)(?!.*\.\.)(?!.*//)[A-Za-z0-9._/-]+(?<!/)(?<!\.lock)$")
_PASSWORD = re.compile(
    r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@\s]*:[^/@\s]*|(?:ghp_|gho_|github_pat_|glpat-)[^/@\s]*)@"
)
"""A password in a URL, or a token written as its user name (GitHub's and GitLab's tokens)."""


@dataclass(frozen=True, slots=True)
class Where:
    """One destination, parsed."""

    kind: str
    """folder, ssh or git."""
    text: str
    """The destination as written (it holds no secret: those are refused)."""
    path: str
    """The folder (folder), the remote folder (ssh: absolute, or relative to the login
    folder when written /~/...), or the repository URL (git)."""
    host: str = ""
    """The SSH server (ssh only)."""
    user: str | None = None
    """The SSH user, when written (else ~/.ssh/config's, else the local user's)."""
    port: int | None = None
    """The SSH port, when written (else ~/.ssh/config's, else 22)."""
    branch: str = DEFAULT_BRANCH
    """The branch a git destination publishes to."""


class BadDestination(Exception):
    """A destination that cannot be used as written; `code` names the catalogue message."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_destination(text: str) -> Where:
    """Read a destination as written on the command line or in site.yaml."""
    written = text.strip()
    if not written:
        raise BadDestination("publish.empty_destination")
    if _PASSWORD.match(written) or _PASSWORD.match(written.removeprefix("git+")):
        raise BadDestination("publish.password_in_url", value=redact(written))
    if written.startswith("git+"):
        return _git(written)
    if _DRIVE.match(written):
        return Where("folder", written, written)
    scheme = _SCHEME.match(written)
    if scheme is None:
        if _SCP_LIKE.match(written):
            raise BadDestination("publish.scp_style", value=written)
        return Where("folder", written, written)
    name = scheme.group(1).lower()
    if name == "ssh":
        return _ssh(written)
    if name == "file":
        path = unquote(urlsplit(written).path)
        if not path:
            raise BadDestination("publish.no_path", value=written)
        return Where("folder", written, path)
    raise BadDestination("publish.unknown_scheme", value=written, scheme=name)


def _git(written: str) -> Where:
    url, _, branch = written[len("git+") :].partition("#")
    if not url.strip():
        raise BadDestination("publish.git_no_url", value=written)
    branch = branch or DEFAULT_BRANCH
    if not _BRANCH.match(branch):
        raise BadDestination("publish.bad_branch", value=branch)
    return Where("git", written, url.strip(), branch=branch)


def _ssh(written: str) -> Where:
    try:
        parts = urlsplit(written)
        port = parts.port
    except ValueError:
        raise BadDestination("publish.bad_port", value=written) from None
    if not parts.hostname:
        raise BadDestination("publish.ssh_no_host", value=written)
    path = unquote(parts.path)
    if path.startswith("/~/"):
        path = path[3:]  # relative to the login folder, as scp reads it
    if path in ("", "/~"):
        raise BadDestination("publish.no_path", value=written)
    user = unquote(parts.username) if parts.username else None
    return Where("ssh", written, path, parts.hostname, user, port)


def redact(text: str) -> str:
    """Return `text` with any password in a URL replaced by ***, to quote it safely."""
    text = re.sub(r"(://[^/@\s:]*:)[^/@\s]*@", r"\1***@", text)
    return re.sub(r"://(?:ghp_|gho_|github_pat_|glpat-)[^/@\s]*@", "://***@", text)
