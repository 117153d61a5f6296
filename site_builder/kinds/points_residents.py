"""points/residents.yaml: the residents a ledger line may name, by id, with their buildings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics
from site_builder.fields import Record
from site_builder.kinds.points_models import Resident
from site_builder.kinds.points_rules import read_points_file
from site_builder.urls import collision_key, folder_problem, tidy_name
from site_builder.yaml_values import Mapping, Sequence


def load_residents(
    path: Path, config: SiteConfig, diags: Diagnostics
) -> dict[str, Resident] | None:
    """Return the residents by id, or None when the file cannot be read as a list."""
    value = read_points_file(path, diags)
    if value is None:
        return None
    if isinstance(value, Mapping) and not value.entries:
        return {}
    if not isinstance(value, Sequence):
        diags.error(value.loc, "points.residents_not_list")
        return None
    residents: dict[str, Resident] = {}
    first_line: dict[str, int | None] = {}
    buildings: dict[tuple[str | None, str], tuple[str, int | None]] = {}
    for item in value.items:
        record = Record(item, item.loc, diags)
        resident_id = record.text("id", required=True)
        name = record.text("name", required=True)
        resident = Resident(
            resident_id or "", name or "", record.text("building"), read_community(record, config)
        )
        record.finish(["id", "name", "building", "community"])
        if resident_id is None or name is None:
            continue
        if resident_id in residents:
            line = first_line[resident_id]
            diags.error(record.loc("id"), "points.duplicate_resident", id=resident_id, first=line)
            continue
        residents[resident_id] = _checked_building(record, resident, buildings)
        first_line[resident_id] = record.loc("id").line
    return residents


def _checked_building(
    record: Record, resident: Resident, seen: dict[tuple[str | None, str], tuple[str, int | None]]
) -> Resident:
    """Report a building that cannot name its board's folder, or that is an earlier
    resident's building spelled differently (3A栋, 3a栋: one folder, two boards).

    The resident is kept (the ledger still names them), under a building that makes no
    second error: none, or the first spelling. The build fails on the error anyway.
    """
    building = resident.building
    if building is None:
        return resident
    where = record.loc("building")
    problem = folder_problem(building)
    if problem:
        record.diags.error(where, f"{problem}_text", field="building", value=building)
        return dataclasses.replace(resident, building=None)
    key = (resident.community, collision_key(tidy_name(building)))
    first, line = seen.setdefault(key, (building, where.line))
    if first != building:
        code = "points.building_spelling"
        record.diags.error(where, code, value=building, first=first, line=line)
        return dataclasses.replace(resident, building=first)
    return resident
