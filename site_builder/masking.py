"""How one resident's name or phone field is shown on the public site (privacy.names, .phones).

`privacy.names` in site.yaml: mask (刘**, 欧阳*), initials (L.J.G.), or full.
`privacy.phones`: mask (138****5678), hide, or full; a phone field may be a landline.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from site_builder.phones import MOBILE, mask_phones


def mask_phone_field(value: str, mode: str) -> str:
    """Return a phone field (any number, landlines too) as the public site may show it."""
    if mode == "full":
        return value
    if mode == "hide":
        return ""
    if MOBILE.fullmatch(value.strip()):
        return mask_phones(value.strip(), mode)
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) < 7:
        return "*" * len(value)
    hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "闻人",
        "澹台",
        "公羊",
        "申屠",
        "太史",
        "钟离",
        "濮阳",
        "万俟",
        "第五",
        "东郭",
        "司空",
    ]
)
"""Two-character surnames: 欧阳明 keeps 欧阳 when masked."""


SURNAME_INITIALS = {
    "单": "S",
    "曾": "Z",
    "解": "X",
    "仇": "Q",
    "区": "O",
    "朴": "P",
    "查": "Z",
    "盖": "G",
    "乐": "Y",
    "覃": "Q",
    "缪": "M",
    "翟": "Z",
    "黑": "H",
    "秘": "B",
    "种": "C",
    "繁": "P",
    "召": "S",
    "员": "Y",
    "尉迟": "YC",
    "万俟": "MQ",
    "长孙": "ZS",
}
"""Surnames read differently from the everyday character (单 is Shan, 曾 is Zeng)."""


def mask_name(name: str, mode: str) -> str:
    """Return a resident's name as the public site shows it."""
    name = name.strip()
    if mode == "full" or not name:
        return name
    if mode == "initials":
        return initials(name)
    if name.isascii():
        return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    if len(name) == 1:
        return "*"
    return name[:keep] + "*" * (len(name) - keep)


def initials(name: str) -> str:
    """Return the initials of a name: 刘建国 → L.J.G., John Smith → J.S."""
    if name.isascii():
        return "".join(word[0].upper() + "." for word in name.split())
    compact = "".join(name.split())
    surname = 2 if compact[:2] in COMPOUND_SURNAMES else 1
    head = SURNAME_INITIALS.get(compact[:surname]) or "".join(
        _initial(c) for c in compact[:surname]
    )
    letters = list(head) + [_initial(ch) for ch in compact[surname:]]
    return "".join(letter + "." for letter in letters if letter)


@lru_cache(maxsize=4096)
def _initial(character: str) -> str:
    if character.isascii():
        return character.upper() if character.isalnum() else ""
    if not unicodedata.name(character, "").startswith("CJK UNIFIED IDEOGRAPH"):
        return ""
    from pypinyin import Style, lazy_pinyin  # only sites that ask for initials pay for it

    return str(lazy_pinyin(character, style=Style.FIRST_LETTER)[0]).upper()
