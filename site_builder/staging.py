"""Staging folders: their name prefix, and writing one output file into one.

Every file a build writes goes through write_file, which refuses any path that
would leave its folder and never overwrites.
"""

from __future__ import annotations

import os
from pathlib import Path

STAGING_PREFIX = ".staging-"


def write_file(stage: Path, relative: str, data: str | bytes) -> None:
    """Write one output file under `stage`; refuse any path that would escape it."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or ".." in parts or "\\" in relative or "" in parts:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    folder = os.path.join(stage, *parts[:-1])
    if folder not in made_folders:  # a big site writes thousands of files into few folders
        try:
            os.mkdir(folder)  # most pages have a folder of their own, in a folder made before
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:
            pass
        made_folders.add(folder)
    if isinstance(data, str):
        data = data.encode("utf-8")
    # O_EXCL: never overwrite; a bare descriptor costs less than a file object per page
    handle = os.open(os.path.join(folder, parts[-1]), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


made_folders: set[str] = set()
"""Folders already made under the current staging folders (their names are unique)."""
