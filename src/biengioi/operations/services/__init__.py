"""Every write of the operations log: one function per use case, in a transaction, audited."""

from .attachments import attachment_add
from .gates import (
    gate_traffic_create,
    gate_traffic_import,
    gate_traffic_template,
    gate_traffic_update,
)
from .incidents import (
    incident_close,
    incident_create,
    incident_deadline_set,
    incident_deadlines_set,
    incident_step_add,
    incident_update,
)
from .patrols import patrol_create, patrol_update

__all__ = [
    "attachment_add",
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
    "patrol_create",
    "patrol_update",
]
