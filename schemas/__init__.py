"""Pandera schemas of the published tables: the one source of truth for their columns.

The pipeline validates every table against its model before writing it;
the data dictionary and data package are generated from the same models.
"""

from schemas.documents import Documents
from schemas.facts import Facts
from schemas.figures import Figures
from schemas.sections import Sections
from schemas.targets import Targets

TABLES = {
    "figures": Figures, "facts": Facts, "targets": Targets, "documents": Documents, "sections": Sections,
}

__all__ = ["TABLES", "Documents", "Facts", "Figures", "Sections", "Targets"]
