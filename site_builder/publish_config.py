"""site.yaml's `publish:` section: named destinations, validated like every setting.

```yaml
publish:
  www:                                   # a name of your choosing
    to: ssh://board@192.168.1.10/srv/www/board
  lobby:
    to: /media/usb/board
    target: kiosk                        # site (default) or kiosk
```

Credentials never live in site.yaml (it is copied, shared and kept in git): a
`password:`, `token:` or the like is an error that says where they go instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.diagnostics import Location
from site_builder.fields import Record
from site_builder.publish_url import BadDestination, Where, parse_destination
from site_builder.yaml_values import Mapping, Scalar

TARGETS = ("site", "kiosk")
"""What a publish can put at a destination."""
DESTINATION_FIELDS = ("to", "target")
SECRETS = frozenset(
    {
        "password", "passwd", "pass", "passphrase", "token", "secret", "key", "private_key",
        "api_key", "access_key", "secret_key", "密码", "口令", "令牌", "密钥",
    }
)  # fmt: skip
"""Keys that would hold a credential."""
_NAME = re.compile(r"^[\w-]{1,40}$")


@dataclass(frozen=True, slots=True)
class Destination:
    """One named destination of site.yaml's `publish:`."""

    name: str
    """The name `site-builder publish NAME` picks it by."""
    where: Where
    """Where it is."""
    target: str | None
    """site or kiosk, when written (else `--target`, else site)."""
    source: Location
    """Where it is written in site.yaml."""


def read_publish(record: Record) -> tuple[Destination, ...]:
    """Read `publish:`; report every mistake in it at its line (and a credential anywhere
    at the top of site.yaml)."""
    _take_secrets(record)
    value = record.entries.get("publish")
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return ()
    if not isinstance(value, Mapping):
        record.diags.error(value.loc, "publish.config_not_mapping")
        return ()
    found: list[Destination] = []
    for name, entry in value.entries.items():
        if name.lower() in SECRETS:
            record.diags.error(entry.key_loc, "publish.config_secret", key=name)
            continue
        if not _NAME.match(name):
            record.diags.error(entry.key_loc, "publish.config_bad_name", value=name)
            continue
        destination = _destination(name, Record(entry.value, entry.key_loc, record.diags))
        if destination is not None:
            found.append(destination)
    return tuple(found)


def _destination(name: str, section: Record) -> Destination | None:
    if isinstance(section.entries.get("to"), Mapping) or not section.valid:
        return None  # `www: /media/usb` rather than `www: {to: ...}` was reported as not_mapping
    _take_secrets(section)
    written = section.text("to", required=True)
    target = section.text("target")
    if target is not None and target not in TARGETS:
        section.diags.error(
            section.loc("target"),
            "config.bad_choice",
            key="target",
            value=target,
            choices=" | ".join(TARGETS),
        )
        target = None
    section.finish(DESTINATION_FIELDS)
    if written is None:
        return None
    try:
        where = parse_destination(written)
    except BadDestination as bad:
        section.diags.error(section.loc("to"), bad.code, **bad.params)
        return None
    return Destination(name, where, target, section.where)


def _take_secrets(record: Record) -> None:
    """Report each key that would hold a credential, and take it out of the record (so it
    is not reported again as unknown)."""
    secrets = [key for key in record.fields if key.lower() in SECRETS]
    for key in secrets:
        record.diags.error(record.fields[key].key_loc, "publish.config_secret", key=key)
    record.fields = {k: v for k, v in record.fields.items() if k not in secrets}
