"""Moral points and the time bank (道德积分 / 时间银行): rules, residents and the ledger.

The ledger is held to a bookkeeper's standard: every line names a known
resident and a known rule, points are whole numbers, hours only go with an
hourly rule, nothing is dated after today, and no redemption may take a
balance below zero (entries apply in date order, then file order). A build
never publishes a board computed from a ledger that does not add up.

This module loads the whole of points/; the models are in points_models, and
the files are read by points_rules, points_residents and points_ledger.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from site_builder.cache import file_digest
from site_builder.config import SiteConfig
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.points_ledger import EntryCheck, check_balances
from site_builder.kinds.points_models import EMPTY, Entry, Ledger
from site_builder.kinds.points_residents import load_residents
from site_builder.kinds.points_rules import load_rules
from site_builder.sources import content_files


def load_ledger(
    content: Path,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
    fingerprint: str | None = None,
) -> Ledger:
    """Load points/; report every broken rule, resident and ledger line with its location.

    `fingerprint` is points_fingerprint(content / "points"), if the caller has it already.
    """
    folder = content / "points"
    if not folder.is_dir():
        return EMPTY
    rules = load_rules(folder / "rules.yaml", diags)
    residents = load_residents(folder / "residents.yaml", config, diags)
    check = EntryCheck(rules, residents, today, diags)
    entries: list[Entry] = []
    for path in content_files(folder / "ledger", "*.y*ml", diags):
        entries += check.file(path)
    ordered = sorted(entries, key=lambda e: e.date)  # stable: file order within a day
    check_balances(ordered, residents or {}, check.uncertain, diags)
    return Ledger(
        rules.earn,
        rules.redeem,
        residents or {},
        tuple(ordered),
        fingerprint or points_fingerprint(folder),
    )


def points_fingerprint(folder: Path) -> str:
    """Return a hash of every YAML file under points/ (its names and bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*.y*ml")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        # Regular files only: reading a FIFO (points/ledger/pipe.yaml) would wait forever.
        # An unreadable or irregular file is reported while loading.
        digest.update(file_digest(path) or b"")
    return digest.hexdigest()
