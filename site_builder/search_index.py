"""The search index of the public site (issue 24): Pagefind's files under pagefind/.

The records (search_records.py) are dealt into shards by a hash of their link, about
SHARD_SIZE to a shard, and each shard is an index of its own: the first at pagefind/,
with Pagefind's script and WebAssembly, the others at pagefind/1/, pagefind/2/… which
the search page merges into the first (Pagefind's mergeIndex; they share its
WebAssembly). A shard whose records did not change since the last build is taken from
the build cache, so an edit indexes one shard again, not the site; the shards that do
need indexing are indexed by one Pagefind process per core.

Pagefind's extended binary (it segments Chinese words) is driven through its service
protocol: nothing is downloaded, nothing is read back from disk. Without the binary
the build warns once and the site has no index; its search page says so.

The same records give the same bytes: Pagefind 1.5 writes a filter's values and its
metadata's lists in an order that changes from run to run, so `_settled` puts them in
order and names the files after their content again.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import pickle
import re
import subprocess
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from site_builder.cache import cache_folder, code_version, content_cache, write_atomically
from site_builder.diagnostics import Diagnostics, Location
from site_builder.leak_guard import LeakGuard
from site_builder.search_records import SearchRecord, guard_records, search_records
from site_builder.site import Site

FOLDER = "pagefind/"
"""Where the index lands in output/site/ (the search page loads pagefind/pagefind.js)."""
SHARDS = FOLDER + "shards.json"
"""How many records the index holds, and the folders of the shards merged into the first
(relative to pagefind/)."""
SHARD_SIZE = 400
"""Records to a shard, about: indexing one takes about a second (Pagefind, 1,400
characters a record)."""
LANGUAGES = {"zh-CN": "zh-cn", "en": "en"}
"""Pagefind's language code for each language of the site."""
SCRIPTS = re.compile(r"pagefind\.js$|pagefind-worker\.js$|wasm\.[\w-]+\.pagefind$")
"""Pagefind's search code: the first shard carries it, the others use the first's."""
INDEX = re.compile(r"pagefind-entry\.json$|pagefind\.[\w-]+\.pf_meta$|(index|fragment|filter)/")
"""An index's own files (Pagefind's ready-made interfaces are not used: static/search.js)."""
SIGNATURE = b"pagefind_dcd"
"""What Pagefind's compressed index files start with, once decompressed."""
BATCH = 64
"""Records sent to Pagefind before reading its answers (each answer is ~150 bytes: a
pipe holds far more than a batch's)."""

Files = dict[str, bytes]
UNEXPECTED = (
    LookupError, TypeError, ValueError, AttributeError, OSError, EOFError, zlib.error,
    cbor2.CBORError,
)  # fmt: skip
"""What reading Pagefind's files of another layout raises (gzip: OSError, EOFError)."""


@dataclass(slots=True)
class SiteIndex:
    """The public site's search index: made while its pages render (site_writer.py)."""

    records: tuple[SearchRecord, ...] = ()
    """What it holds."""
    files: Files = field(default_factory=dict)
    """Its files by output path: none without search, or when a record fails the guard."""

    def make(self, public: Site, guard: LeakGuard, output: Path, diags: Diagnostics) -> None:
        """Make the index of `public` (unless site.yaml turns search off), its records
        guarded as pages are."""
        if not public.config.search:
            return
        shown_as = output / "site"
        self.records = search_records(public)
        guard_records(guard, self.records, shown_as, diags)
        if not diags.has_errors:
            cache = cache_folder(output)
            language = public.config.language
            made = search_files(self.records, language, cache, public.content, shown_as, diags)
            self.files.update(made)


def search_files(
    records: Sequence[SearchRecord], language: str, cache: Path, content: Path,
    shown_as: Path, diags: Diagnostics,
) -> Files:  # fmt: skip
    """Return the index of `records` by output path (pagefind/…); {} without Pagefind.

    Shards indexed by an earlier build are taken from the build cache; without a
    working binary, `diags` gets one warning and the site goes without search.
    """
    binary = pagefind_binary()
    if binary is None:
        diags.warning(Location(shown_as / FOLDER), "search.no_binary")
        return {}
    code = LANGUAGES.get(language, "en")
    shards = deal(records)
    digests = [_digest(shard, code) for shard in shards]
    memo = content_cache(cache, "search", content, ".pickle")
    kept = _read_kept(memo, binary)
    missing = {d: shard for d, shard in zip(digests, shards, strict=True) if d not in kept}
    try:
        with ThreadPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1) or 1) as pool:
            indexed = pool.map(lambda shard: _index(binary, code, shard), missing.values())
            made = dict(zip(missing, indexed, strict=True))
    except (OSError, ValueError, KeyError, EOFError):
        diags.warning(Location(shown_as / FOLDER), "search.no_binary")
        return {}
    now = {digest: kept.get(digest) or made[digest] for digest in digests}
    if made or len(kept) != len(now):
        with suppress(OSError):  # without a cache, the next build indexes everything again
            write_atomically(memo, pickle.dumps((_version(binary), now), pickle.HIGHEST_PROTOCOL))
    # the first shard with records is the one the search page loads: it carries the scripts
    # (a shard without records has no index Pagefind's script would accept)
    filled = [digest for digest, shard in zip(digests, shards, strict=True) if shard] or digests[:1]
    files: Files = {}
    for number, digest in enumerate(filled):
        folder = FOLDER if number == 0 else f"{FOLDER}{number}/"
        for path, data in now[digest].items():
            if number == 0 or not SCRIPTS.match(path):
                files[folder + path] = data
    merged = [f"{number}/" for number in range(1, len(filled))]
    files[SHARDS] = json.dumps({"records": len(records), "merge": merged}).encode("utf-8")
    return files


def deal(records: Sequence[SearchRecord]) -> list[list[SearchRecord]]:
    """Deal `records` into shards by their link: a power of two many, SHARD_SIZE or fewer
    records to a shard on average, so a record stays in its shard while the site grows
    (until the count doubles)."""
    count = 1
    while count * SHARD_SIZE < len(records):
        count *= 2
    shards: list[list[SearchRecord]] = [[] for _ in range(count)]
    for record in records:
        where = hashlib.blake2b(record.url.encode("utf-8"), digest_size=8).digest()
        shards[int.from_bytes(where, "big") % count].append(record)
    return shards


def index_entry(data: bytes) -> tuple[str, tuple[str, ...], str]:
    """Return an index file's entry in output's record (live_update.Published): its digest
    as its keys, no globals read."""
    digest = hashlib.sha256(data).hexdigest()
    return (digest, (), digest)


def pagefind_binary() -> Path | None:
    """Return Pagefind's binary (the extended one when installed), or None."""
    try:
        from pagefind.service import get_executable  # the package finds its binary packages
    except ImportError:
        return None
    try:
        found = get_executable()
    except (FileNotFoundError, OSError):
        return None
    return found if found is not None and found.is_file() else None


def _digest(shard: list[SearchRecord], code: str) -> str:
    """Return what a shard's index depends on: its records and the language."""
    return hashlib.sha256(pickle.dumps((code, shard), pickle.HIGHEST_PROTOCOL)).hexdigest()


def _version(binary: Path) -> tuple[str, str, int]:
    """Return what the cached shards were made by: this program, and which binary."""
    status = binary.stat()
    return (code_version(), str(binary), status.st_mtime_ns)


def _read_kept(memo: Path, binary: Path) -> dict[str, Files]:
    """Return the shards the last build indexed, by digest ({} when made by other code)."""
    try:
        made_by, shards = pickle.loads(memo.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return {}
    return shards if made_by == _version(binary) else {}


def _index(binary: Path, code: str, shard: list[SearchRecord]) -> Files:
    """Index one shard with its own Pagefind process; return its files, settled."""
    with _Service(binary) as service:
        number = service.ask([{"type": "NewIndex", "config": {"force_language": code}}])[0]
        index = number["index_id"]
        for start in range(0, len(shard), BATCH):
            service.ask([_add(index, record, code) for record in shard[start : start + BATCH]])
        files = service.ask([{"type": "GetFiles", "index_id": index}])[0]["files"]
    made = {file["path"]: base64.b64decode(file["content"]) for file in files}
    return _settled(
        {path: data for path, data in made.items() if INDEX.match(path) or SCRIPTS.match(path)}
    )


def _add(index: int, record: SearchRecord, code: str) -> dict[str, Any]:
    """Return the request adding `record`: kind and community as filters and shown."""
    meta = {"title": record.title, "date": record.date, "kind": record.kind}
    filters = {"kind": [record.kind]}
    if record.community:
        meta["community"] = record.community
        filters["community"] = [record.community]
    return {
        "type": "AddRecord",
        "index_id": index,
        "url": record.url,
        # Pagefind keeps the text as given and marks the words found in it with <mark>: the
        # search page shows that excerpt as HTML, so the text goes in escaped
        "content": html.escape(record.text, quote=False),
        "language": code,
        "meta": meta,
        "filters": filters,
        "sort": {"date": record.date},
    }


def _settled(files: Files) -> Files:
    """Return Pagefind's files with its filters and metadata in a fixed order, each renamed
    after its content as Pagefind names them (the files as given, if not as expected)."""
    made = files
    files = dict(made)
    try:
        entry = json.loads(files["pagefind-entry.json"])
        for code, language in entry["languages"].items():
            meta_path = f"pagefind.{language['hash']}.pf_meta"
            meta = _unpack(files.pop(meta_path))
            settled_filters = []
            for name, old in meta[3]:
                values = _unpack(files.pop(f"filter/{old}.pf_filter"))
                values[1].sort(key=lambda value: value[0])
                data = _pack(values)
                new = f"{code}_{hashlib.sha256(data).hexdigest()[:7]}"
                files[f"filter/{new}.pf_filter"] = data
                settled_filters.append([name, new])
            meta[3] = sorted(settled_filters)
            meta[4] = sorted(meta[4], key=lambda sort: sort[0])
            if len(meta) > 5:  # the fields metadata is searched in (Pagefind 1.5)
                meta[5] = sorted(meta[5])
            data = _pack(meta)
            language["hash"] = f"{code}_{hashlib.sha256(data).hexdigest()[:13]}"
            files[f"pagefind.{language['hash']}.pf_meta"] = data
        files["pagefind-entry.json"] = json.dumps(
            entry, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
    except (
        LookupError,
        TypeError,
        ValueError,
        AttributeError,
        OSError,
        EOFError,
        zlib.error,
        cbor2.CBORError,
    ):
        return made  # another Pagefind's layout: its files work as they are, in its order
    return files


def _unpack(data: bytes) -> Any:
    """Return the value of one of Pagefind's compressed CBOR files."""
    plain = gzip.decompress(data)
    if not plain.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(plain[len(SIGNATURE) :])


def _pack(value: Any) -> bytes:
    """Return `value` as one of Pagefind's compressed CBOR files (no time in the header)."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


class _Service:
    """Pagefind's binary in service mode: requests sent a batch at a time, answered in
    order.

    The `pagefind` package's own client waits a tenth of a second before reading each
    answer (100 s for 1,000 records); this one reads each answer as it comes. Messages
    are base64 JSON, each followed by a comma.
    """

    def __init__(self, binary: Path) -> None:
        """Start `binary` in service mode (OSError when it cannot run)."""
        self._process = subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._pending = bytearray()
        self._number = 0

    def __enter__(self) -> _Service:
        """Return the running service."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close its input (the binary then stops) and wait for it; kill it after 10 s."""
        if self._process.stdin is not None:
            with suppress(OSError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def ask(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send requests; return their answers' payloads (ValueError: Pagefind refused one)."""
        assert self._process.stdin is not None and self._process.stdout is not None
        messages = bytearray()
        for payload in payloads:
            self._number += 1
            message = {"message_id": self._number, "payload": payload}
            text = json.dumps(message, ensure_ascii=False).encode("utf-8")
            messages += base64.b64encode(text) + b","
        self._process.stdin.write(messages)
        self._process.stdin.flush()
        replies = []
        for _ in payloads:
            while b"," not in self._pending:
                chunk = os.read(self._process.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise EOFError("pagefind stopped")
                self._pending += chunk
            end = self._pending.index(b",")
            answer = json.loads(base64.b64decode(bytes(self._pending[:end])))
            del self._pending[: end + 1]
            reply: dict[str, Any] = answer["payload"]
            if reply.get("type") == "Error":
                raise ValueError(reply.get("message"))
            replies.append(reply)
        return replies
