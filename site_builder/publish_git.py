"""A git destination (`git+URL[#branch]`): GitHub Pages, Gitee Pages, any Git host.

The branch (gh-pages unless named) holds the built target as its only content, with the
manifest; each publish that changes anything is one commit on it, named after the build,
pushed to the URL. Nothing changes on the host until the push, and a push is atomic: a
killed or failed publish leaves the branch as it was.

It runs the system `git` (a temporary repository, a shallow fetch of the branch, a work
tree apart from it), rather than dulwich: the volunteer's own git already knows how to
reach the host (its credential helper, ~/.ssh, a proxy, Gitee's https quirks), and a
`git push` failing says so in the words the host's own help pages use. A token for
https is read from SITE_BUILDER_GIT_TOKEN through GIT_ASKPASS, never from site.yaml and
never on a command line.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from site_builder.exit_codes import EXIT_INTERNAL
from site_builder.publish import Method, PublishProblem
from site_builder.publish_folder import FolderDestination
from site_builder.publish_plan import MANIFEST, Built, Plan
from site_builder.publish_url import Where, redact

TOKEN = "SITE_BUILDER_GIT_TOKEN"
"""The environment variable that holds a token for git over https."""
NO_JEKYLL = ".nojekyll"
"""Tells GitHub Pages to serve the files as they are (no Jekyll run over them)."""
_ASKPASS = """#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "${SITE_BUILDER_GIT_USER:-x-access-token}" ;;
  *) printf '%s\\n' "$SITE_BUILDER_GIT_TOKEN" ;;
esac
"""


class GitDestination:
    """Publish as one commit on a branch of a git repository, pushed."""

    def __init__(self, where: Where) -> None:
        self.url, self.branch = where.path, where.branch
        self.label = where.text
        self.scratch = Path(tempfile.mkdtemp(prefix="site-builder-git-"))
        self.tree = self.scratch / "tree"
        self.tree.mkdir()
        self.files = FolderDestination(self.tree)
        self.env = self._environment()
        self._git("init", "-q")
        self.exists = self._fetch()

    def _environment(self) -> dict[str, str]:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_DIR": str(self.scratch / "git")}
        env["GIT_WORK_TREE"] = str(self.tree)
        if os.environ.get(TOKEN) and os.name != "nt":
            askpass = self.scratch / "askpass.sh"
            askpass.write_text(_ASKPASS, encoding="utf-8")
            askpass.chmod(stat.S_IRWXU)
            env["GIT_ASKPASS"] = str(askpass)
        return env

    def _fetch(self) -> bool:
        """Fetch the branch's newest commit into the work tree; tell whether it exists."""
        heads = self._git("ls-remote", "--heads", self.url, f"refs/heads/{self.branch}")
        if not heads.strip():
            self._git("symbolic-ref", "HEAD", f"refs/heads/{self.branch}")
            return False
        self._git("fetch", "-q", "--depth", "1", "--no-tags", self.url, f"refs/heads/{self.branch}")
        self._git("checkout", "-q", "-B", self.branch, "FETCH_HEAD")
        return True

    def read_manifest(self) -> bytes | None:
        """Return the branch's manifest, or None."""
        return self.files.read_manifest()

    def holds_anything(self) -> bool:
        """Tell whether the branch holds files."""
        return self.exists and bool(self._git("ls-files").strip())

    def check_room(self, built: Built, work: Plan) -> None:
        """Nothing to check: the host says so when it refuses the push."""

    def begin(self) -> None:
        """Nothing to make: the work tree is there."""

    def put(self, relative: str, source: Path) -> None:
        """Write one file into the work tree."""
        self.files.put(relative, source)

    def keep(self, relative: str) -> None:
        """Nothing to do: an unchanged file stays in the tree."""

    def delete(self, relative: str) -> None:
        """Delete one file from the work tree."""
        self.files.delete(relative)

    def write_manifest(self, data: bytes) -> None:
        """Write the manifest into the work tree."""
        self.files.write_manifest(data)

    def finish(self, built: Built, work: Plan) -> Method:
        """Commit the work tree as the branch's only content, named after the build; push."""
        if not (self.tree / NO_JEKYLL).exists():
            (self.tree / NO_JEKYLL).write_bytes(b"")
        self._git("add", "-A", ".")
        summary = (
            f"{len(work.upload)} uploaded, {len(work.delete)} deleted, "
            f"{len(work.unchanged)} unchanged; {MANIFEST} lists every file."
        )
        title = f"site-builder publish: {built.target} build {built.build_id}"
        self._git("commit", "-q", "--no-verify", "-m", title, "-m", summary, identity=True)
        commit = self._git("rev-parse", "--short", "HEAD").strip()
        self._git("push", "-q", self.url, f"HEAD:refs/heads/{self.branch}")
        return Method("publish.method_git", {"branch": self.branch, "commit": commit})

    def abandon(self) -> None:
        """Nothing to undo: nothing reached the host before the push."""

    def close(self) -> None:
        """Delete the temporary repository."""
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _git(self, *args: str, identity: bool = False) -> str:
        """Run git; return what it printed, or raise PublishProblem with what it said."""
        config: list[str] = []
        if identity and not self._configured("user.email"):
            config = ["-c", "user.name=site-builder", "-c", "user.email=site-builder@localhost"]
        try:
            done = subprocess.run(
                ["git", *config, *args], env=self.env, capture_output=True, text=True, check=False
            )
        except FileNotFoundError:
            self.close()
            raise PublishProblem("publish.git_missing", EXIT_INTERNAL) from None
        if done.returncode != 0:
            said = redact(done.stderr.strip() or done.stdout.strip()).splitlines()[-3:]
            token = os.environ.get(TOKEN)
            if token:  # git never says it, but never is a long time
                said = [line.replace(token, "***") for line in said]
            self.close()
            raise PublishProblem(
                "publish.git_failed",
                EXIT_INTERNAL,
                destination=self.label,
                command=f"git {args[0]}",
                detail=" / ".join(said),
            )
        return done.stdout

    def _configured(self, key: str) -> bool:
        found = subprocess.run(
            ["git", "config", "--get", key], env=self.env, capture_output=True, check=False
        )
        return found.returncode == 0 and bool(found.stdout.strip())
