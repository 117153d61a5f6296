"""Publishing to a git branch: real bare repositories (`git init --bare`), checked out to compare."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import story
from tests.publish_tools import MANIFEST, STORIES, publish_args, tree


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """Return a new bare repository."""
    repo = tmp_path / "board.git"
    git("init", "-q", "--bare", str(repo))
    return repo


def checkout(repo: Path, branch: str, into: Path) -> Path:
    """Clone `branch` of `repo` into `into` and return it."""
    git("clone", "-q", "--branch", branch, str(repo), str(into))
    return into


def test_a_branch_holds_the_site_and_only_it(make_site, cli, bare, tmp_path) -> None:
    content = make_site(STORIES)
    run = cli(*publish_args(f"git+{bare}"), cwd=content.parent)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith(f"已发布 site → git+{bare}：上传 ")
    assert lines[1].startswith("方式：在分支 gh-pages 上提交了一次（")
    clone = checkout(bare, "gh-pages", tmp_path / "clone")
    published = tree(clone)
    del published[".nojekyll"]
    published = {k: v for k, v in published.items() if not k.startswith(".git/")}
    assert published == tree(content.parent / "output" / "site")
    assert (clone / MANIFEST).is_file()
    title = git("log", "-1", "--format=%s", cwd=clone).strip()
    assert title.startswith("site-builder publish: site build ")
    assert git("rev-list", "--count", "HEAD", cwd=clone).strip() == "1"


def test_no_change_makes_no_commit_and_a_deletion_is_gone(make_site, cli, bare, tmp_path) -> None:
    content = make_site(STORIES)
    destination = f"git+{bare}#pages"
    assert cli(*publish_args(destination), cwd=content.parent).code == 0
    head = git("rev-parse", "refs/heads/pages", cwd=bare)
    run = cli(*publish_args(destination), cwd=content.parent)
    assert run.code == 0, run.err
    assert run.out.startswith(f"没有变化：{destination} 上的 site 已经是这次生成的样子")
    assert git("rev-parse", "refs/heads/pages", cwd=bare) == head
    (content / "stories" / "b.md").unlink()
    (content / "stories" / "d.md").write_text(story(title="新故事", slug="xin"), encoding="utf-8")
    assert cli(*publish_args(destination), cwd=content.parent).code == 0
    clone = checkout(bare, "pages", tmp_path / "clone")
    assert not (clone / "stories" / "dianti").exists()
    assert (clone / "stories" / "xin" / "index.html").is_file()
    assert git("rev-list", "--count", "HEAD", cwd=clone).strip() == "2"


def test_a_branch_someone_else_filled_is_refused(make_site, cli, bare, tmp_path) -> None:
    work = tmp_path / "work"
    git("init", "-q", "-b", "gh-pages", str(work))
    (work / "index.html").write_text("<p>手写的主页</p>", encoding="utf-8")
    git("add", ".", cwd=work)
    git("-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "mine", cwd=work)
    git("push", "-q", str(bare), "gh-pages", cwd=work)
    head = git("rev-parse", "refs/heads/gh-pages", cwd=bare)
    content = make_site(STORIES)
    run = cli(*publish_args(f"git+{bare}"), cwd=content.parent)
    assert run.code == 2
    assert run.err.startswith(f"git+{bare} 里已经有文件，而且不是 site-builder 发布的")
    assert git("rev-parse", "refs/heads/gh-pages", cwd=bare) == head


def test_an_unreachable_repository_is_said_and_nothing_built_is_lost(
    make_site, cli, tmp_path
) -> None:
    content = make_site(STORIES)
    missing = tmp_path / "nowhere.git"
    run = cli(*publish_args(f"git+{missing}"), cwd=content.parent)
    assert run.code == 3
    first = run.err.splitlines()[0]
    assert first.startswith(f"发布到 git+{missing} 没有完成：git ls-remote 失败了：")
    assert (
        "  提示: 检查仓库地址和网络；用 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里"
        in run.err
    )


def test_without_git_the_message_says_how_to_get_it(make_site, cli, bare, monkeypatch) -> None:
    content = make_site(STORIES)
    monkeypatch.setenv("PATH", str(content))  # a PATH with no git on it
    run = cli(*publish_args(f"git+{bare}"), cwd=content.parent)
    assert run.code == 3
    assert run.err.splitlines()[0] == "发布到 Git 仓库要用 git，这台电脑上没有找到"
