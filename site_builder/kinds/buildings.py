"""Building boards (楼栋“两长四员”公示): who to call in each building.

Names and phones are the point of the board in the lobby; on the public site they
are masked by privacy.public_view (masking.py's rules). Room and phone keep every
character written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.sources import list_items, read_yaml
from site_builder.urls import collision_key, folder_problem, tidy_name
from site_builder.yaml_values import Sequence

BOARD_FIELDS = ("building", "community", "roles")
ROLE_FIELDS = ("role", "name", "room", "phone")


@dataclass(frozen=True, slots=True)
class Role:
    """One line of a board: 楼栋长 万玉廷 502 139…"""

    role: str
    """The duty, e.g. 楼栋长."""
    name: str
    """Who holds it, as written."""
    room: str | None
    """Room, as written (0502 stays 0502)."""
    phone: str | None
    """Phone, as written (+86 stays)."""


@dataclass(frozen=True, slots=True)
class BuildingBoard:
    """One building's contact board."""

    source: Location
    """Where the building is written in buildings.yaml."""
    building: str
    """The building, as written, e.g. 3栋."""
    community: str | None
    """Community id, or None on a single-community site."""
    roles: tuple[Role, ...]
    """The roles in the order written."""

    @property
    def url(self) -> str:
        """Return the output path of this board's page."""
        parts = ["buildings"] + ([self.community] if self.community else [])
        parts.append(tidy_name(self.building) or "_")
        return "/".join(parts) + "/index.html"


def load_buildings(
    content: Path, config: SiteConfig, diags: Diagnostics
) -> tuple[BuildingBoard, ...]:
    """Load buildings.yaml: one board per building, in the order written."""
    path = content / "buildings.yaml"
    if not path.is_file():
        path = content / "buildings.yml"  # Windows editors like the short extension
    if not path.is_file():
        return ()
    boards: list[BuildingBoard] = []
    seen: dict[tuple[str | None, str], int | None] = {}
    for item in list_items(read_yaml(path, diags), diags, "buildings.not_list"):
        record = Record(item, item.loc, diags)
        building = record.text("building", required=True)
        community = read_community(record, config)
        roles = _roles(record)
        record.finish(BOARD_FIELDS)
        if building is None or not record.valid:
            continue
        problem = folder_problem(building)
        if problem:
            diags.error(record.loc("building"), f"{problem}_text", field="building", value=building)
            continue
        key = (community, collision_key(building))
        if key in seen:
            diags.error(
                record.loc("building"), "buildings.duplicate", value=building, first=seen[key]
            )
            continue
        seen[key] = record.loc("building").line
        boards.append(BuildingBoard(record.where, building, community, roles))
    return tuple(boards)


def _roles(record: Record) -> tuple[Role, ...]:
    field = record.fields.get("roles")
    if field is None or not isinstance(field.value, Sequence):
        record.diags.error(record.loc("roles"), "buildings.roles_not_list")
        return ()
    roles = []
    for item in field.value.items:
        line = Record(item, item.loc, record.diags)
        role, name = line.text("role", required=True), line.text("name", required=True)
        room, phone = line.text("room"), line.text("phone")
        line.finish(ROLE_FIELDS)
        if role is not None and name is not None:
            roles.append(Role(role, name, room, phone))
    return tuple(roles)
