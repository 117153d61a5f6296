"""What the last full build of the public site knew, kept for the next build to patch.

A volunteer edits one story among thousands and builds again. Loading the whole
site, planning 28,000 pages and keying them all takes seconds before it finds the
few dozen pages one edit changes. So every full build of the public site leaves a
`LastBuild`, which holds what such a patch needs and nothing else:

- the stamps of every input file, the story files' apart (`Inputs`);
- each published story's place: its file, slug, and a hash of its shape (date,
  category, tags, files) — an edit that keeps it leaves every list as it was;
- which stories each tag and category lists, by place;
- every page whose context holds a story or a term, pickled with the stories and
  terms as references to their places, and which pages hold each (kept_pages.py);
- the site's small parts (settings, notices, honours, buildings, wishes; no
  ledger, no boards, no calendar), the privacy guard, the build's warnings, and
  each story file's page (links between stories resolve through it).

`serve` keeps it in memory between its builds; a build from the command line
reads it from the build cache, where every full build writes it (`keep`). That is
the only difference: story_patch.py patches from it the same way for both.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import secrets
import time
from array import array
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from site_builder.cache import (
    Stamp,
    code_version,
    content_cache,
    file_digest,
    settled,
    stamp,
    write_atomically,
)
from site_builder.diagnostics import Diagnostic
from site_builder.kept_pages import Keeper, Ref
from site_builder.kinds.stories import Story, shape
from site_builder.leak_guard import LeakGuard
from site_builder.live_update import STATE
from site_builder.loading import Loaded
from site_builder.pages import sections
from site_builder.search_records import SearchRecord
from site_builder.site import Site
from site_builder.site_writer import Written

MOST_EDITED = 8
"""More story files changed at once than this (a bulk copy, a git pull): build in full."""

Place = tuple[str, str, bytes]
"""A published story's file, its slug, and a hash of its shape (slug, date, category, tags)
and its files."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """Every input file of a build except the story files: stamps, and when they were taken."""

    stamps: dict[str, Stamp | None]
    """Each file under content/ and the theme folders (stories/*.md aside)."""
    taken_at: int
    """When (ns): a file changed less than two seconds before may keep its stamp."""
    linked: bool
    """Whether a folder is a symbolic link (its files are not followed: never patch)."""
    stories: list[str]
    """The names of the story files, sorted."""
    digests: dict[str, bytes | None]
    """The bytes' hash of each file changed just before the stamps were taken."""

    @classmethod
    def take(cls, content: Path, theme: Iterable[Path]) -> Inputs:
        """Stamp the inputs now, before the build reads them."""
        taken_at = time.time_ns()
        stamps: dict[str, Stamp | None] = {}
        linked = False
        stories = os.path.join(content, "stories")
        story_files = []
        for root in (content, *theme):
            for folder, subfolders, names in os.walk(root):
                subfolders.sort()
                linked = linked or any(
                    os.path.islink(os.path.join(folder, sub)) for sub in subfolders
                )
                for name in names:
                    if folder == stories and name.endswith(".md"):
                        if not name.startswith((".", "~$")):  # as sources.content_files
                            story_files.append(name)
                        continue
                    path = os.path.join(folder, name)
                    stamps[path] = stamp(Path(path))
        racy = {
            path: file_digest(path)
            for path, seen in stamps.items()
            if seen is not None and not settled(seen, taken_at)
        }
        return cls(stamps, taken_at, linked, sorted(story_files), racy)

    def still(self, now: Inputs) -> bool:
        """Tell whether `now` shows the same files as these, with the same bytes."""
        if self.linked or now.linked or self.stamps != now.stamps:
            return False
        if any(seen is None for seen in self.stamps.values()):
            return False
        return all(
            digest is not None and file_digest(path) == digest
            for path, digest in self.digests.items()
        )


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the record of a full build takes from the loaded site alone (see `prepare`)."""

    stamps: dict[str, tuple[Stamp, int, bytes]]
    """Each story file's stamp, when it was read, and its bytes' hash, by name."""
    site: Site
    """The public site's small parts: no stories, terms, ledger, boards or calendar."""
    sections: tuple[str, ...]
    """The site's menu sections (they depend on the parts left out)."""
    places: tuple[Place, ...]
    """Each published story, newest first."""
    terms: dict[str, tuple[tuple[str, str, array[int]], ...]]
    """Each tag and category: its name, its URL name and its stories' places."""
    pages: dict[str, bytes]
    """Each page whose context holds a story or a term, pickled with references."""
    shows: dict[Ref, tuple[str, ...]]
    """The pages holding each story and term."""
    story_pages: dict[str, str | None]
    """Each story file's page, for links between stories."""


@dataclass(frozen=True, slots=True)
class LastBuild(Prepared):
    """What the last full build of the public site knew: what was prepared from the
    loaded site, and what the build and its output tell."""

    token: str
    """Names this record (the tip file a patch leaves refers to it)."""
    code: str
    """The version of the code that wrote it."""
    setting: str
    """The story memo's setting (code, day, settings) the build ran under."""
    generation: str
    """The story memo's generation: a memo written since (by a failed build) is not used."""
    folder: int
    """Inode of output/site/ when written."""
    state: Stamp | None
    """Stamp of output/site/'s state file when written."""
    inputs: Inputs
    """Every input file but the stories, stamped before the build read them."""
    guard: LeakGuard
    """The privacy guard of the build."""
    search: tuple[SearchRecord, ...]
    """The search index's records: a patch puts its stories' in their place and indexes
    their shards again."""
    notes: list[Diagnostic]
    """The build's warnings."""


def prepare(content: Path, inputs: Inputs, loaded: Loaded) -> Prepared | None:
    """Return what the record of a full build of `loaded` takes from the loaded site alone.

    That is most of the work (each page's context kept: over a second at 10,000
    stories), and none of it waits for the pages to be rendered: the build does it
    while its workers render them, the cycle collector paused (hundreds of thousands of new
    objects, no cycles). None when no record can be kept.
    """
    public, memo = loaded.public, loaded.memo
    if inputs.linked or len(public.stories) != len(loaded.site.stories):
        return None
    stories_folder = content / "stories"
    stamps = {}
    for name in inputs.stories:
        known = memo.known.get(stories_folder / name)
        if known is None:
            return None
        stamps[name] = (known.stamp, known.read_at, known.digest)
    keeper = Keeper(public)
    terms = {
        kind: tuple(
            (term.name, term.key, array("I", [keeper.story_at[id(s)] for s in term.stories]))
            for term in kind_terms
        )
        for kind, kind_terms in (("tags", public.tags), ("categories", public.categories))
    }
    pages: dict[str, bytes] = {}
    try:
        for page in loaded.pages:
            kept = keeper.keep(page)
            if kept is not None:
                pages[page.path] = kept
    except (KeyError, pickle.PicklingError, TypeError, AttributeError):
        return None
    light = dataclasses.replace(
        public,
        stories=(),
        tags=(),
        categories=(),
        ledger=dataclasses.replace(public.ledger, residents={}, entries=()),
        boards=(),
        calendar=dataclasses.replace(public.calendar, events=(), occurrences=()),
        almanac={},
    )
    places = tuple(
        (str(story.source.path), story.slug, shape_hash(story)) for story in loaded.site.stories
    )
    return Prepared(
        stamps=stamps,
        site=light,
        sections=sections(public),
        places=places,
        terms=terms,
        pages=pages,
        shows=keeper.shows(),
        story_pages={str(path): page for path, page in memo.pages.items()},
    )


def shape_hash(story: Story) -> bytes:
    """Hash what places a story in the site and what it copies into the output (shape)."""
    return hashlib.blake2b(repr(shape(story)).encode(), digest_size=16).digest()


def keep(
    cache: Path, content: Path, output: Path, inputs: Inputs, loaded: Loaded,
    prepared: Prepared | None, written: Written, notes: list[Diagnostic],
) -> LastBuild | None:  # fmt: skip
    """Write what the build that just wrote output/site/ knew (or remove a stale record).

    `prepared` is what `prepare` gave for the build. Return the record, or None when
    the build left none to patch from.
    """
    file = _file(cache, content)
    with suppress(OSError):
        file.unlink()
    if prepared is None:
        return None
    memo = loaded.memo
    last = LastBuild(
        token=secrets.token_hex(8),
        code=code_version(),
        setting=memo.setting,
        generation=memo.generation,
        folder=os.stat(output / "site").st_ino,
        state=stamp(output / (STATE + "site")),
        inputs=inputs,
        guard=written.guard,
        search=written.search,
        notes=list(notes),
        **{field.name: getattr(prepared, field.name) for field in dataclasses.fields(Prepared)},
    )
    try:
        write_atomically(file, pickle.dumps(last, pickle.HIGHEST_PROTOCOL))
    except OSError:
        return None
    return last


def read(cache: Path, content: Path) -> LastBuild | None:
    """Return what the last full build of `content` left in the build cache, if anything."""
    try:
        last = pickle.loads(_file(cache, content).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None
    if not isinstance(last, LastBuild) or last.code != code_version():
        return None
    return last


def wrote(cache: Path, content: Path, output: Path, last: LastBuild) -> None:
    """Note that a patch from `last` wrote output/site/.

    Patches take in every story changed since the full build, so output/site/ as a
    patch leaves it is still one a later patch from the same record can start from.
    """
    tip = _tip(cache, content)
    with suppress(OSError):
        write_atomically(tip, pickle.dumps((last.token, stamp(output / (STATE + "site")))))


def patched_state(cache: Path, content: Path, last: LastBuild) -> Stamp | None:
    """Return the state stamp the last patch from `last` left, if any."""
    tip = _tip(cache, content)
    try:
        written_by, state = pickle.loads(tip.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        return None
    return state if written_by == last.token else None


def _file(cache: Path, content: Path) -> Path:
    return content_cache(cache, "last-build", content, ".pickle")


def _tip(cache: Path, content: Path) -> Path:
    """Return the file a patch leaves: which record it started from, and the state it wrote."""
    return content_cache(cache, "patch-tip", content, ".pickle")
