"""Fixtures for the hostile-input suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_board_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build lobby boards without cutting a CJK font: every case has new characters.

    Cutting takes seconds per character set, and the fonts are not what these cases
    test; a machine without the font builds boards this way too.
    """
    monkeypatch.setattr("site_builder.fonts.source_fonts", dict)
