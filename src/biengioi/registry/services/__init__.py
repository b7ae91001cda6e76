"""Every write of the registry: units, border lines and sections, markers and their statuses."""

from .borders import border_line_create, section_create, section_update
from .markers import marker_create, marker_status_record, marker_update
from .units import unit_create, unit_update

__all__ = [
    "border_line_create",
    "marker_create",
    "marker_status_record",
    "marker_update",
    "section_create",
    "section_update",
    "unit_create",
    "unit_update",
]
