"""Every write of the operations log: one function per use case, in a transaction, audited."""

from .attachments import (
    attachment_add,
    attachment_kind_for,
    attachment_refile,
    attachment_remove,
)
from .crime import (
    crime_case_create,
    crime_case_update,
    crime_operation_create,
    crime_operation_update,
)
from .gates import (
    gate_traffic_create,
    gate_traffic_import,
    gate_traffic_template,
    gate_traffic_update,
)
from .handovers import handover_create, handover_update
from .incidents import (
    incident_close,
    incident_create,
    incident_deadline_set,
    incident_deadlines_set,
    incident_step_add,
    incident_update,
)
from .patrols import patrol_create, patrol_inspections_add, patrol_update
from .plans import patrol_plan_set
from .repairs import marker_repair_advance, marker_repair_open
from .rescue import rescue_create, rescue_update

__all__ = [
    "attachment_add",
    "attachment_kind_for",
    "attachment_refile",
    "attachment_remove",
    "crime_case_create",
    "crime_case_update",
    "crime_operation_create",
    "crime_operation_update",
    "handover_create",
    "handover_update",
    "gate_traffic_create",
    "gate_traffic_import",
    "gate_traffic_template",
    "gate_traffic_update",
    "incident_close",
    "incident_create",
    "incident_deadline_set",
    "incident_deadlines_set",
    "incident_step_add",
    "incident_update",
    "marker_repair_advance",
    "marker_repair_open",
    "patrol_create",
    "patrol_plan_set",
    "patrol_inspections_add",
    "patrol_update",
    "rescue_create",
    "rescue_update",
]
