"""The exit statuses of every site-builder command: 0 success, 1 content errors, 2 usage
errors, 3 could not finish (an internal error or a failing disk).
"""

from __future__ import annotations

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
