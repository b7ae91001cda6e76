"""Every write of the registry: units, border lines and sections, markers and their statuses."""

from .admin_units import admin_unit_create, admin_unit_update, admin_units_load_package
from .borders import border_line_create, section_create, section_update
from .markers import marker_create, marker_status_record, marker_update
from .organisations import (
    committee_member_add,
    committee_member_update,
    counterpart_create,
    counterpart_update,
    section_commune_set,
    subdivision_create,
    subdivision_update,
)
from .signs_gates import (
    gate_create,
    gate_status_record,
    gate_update,
    sign_create,
    sign_status_record,
    sign_update,
)
from .units import unit_create, unit_update

__all__ = [
    "committee_member_add",
    "committee_member_update",
    "counterpart_create",
    "counterpart_update",
    "section_commune_set",
    "subdivision_create",
    "subdivision_update",
    "admin_unit_create",
    "admin_unit_update",
    "admin_units_load_package",
    "gate_create",
    "gate_status_record",
    "gate_update",
    "sign_create",
    "sign_status_record",
    "sign_update",
    "border_line_create",
    "marker_create",
    "marker_status_record",
    "marker_update",
    "section_create",
    "section_update",
    "unit_create",
    "unit_update",
]
