"""site-builder: static bulletin boards and honor rolls for residential communities."""

__version__ = "0.1.0"
