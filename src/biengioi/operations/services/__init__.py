"""Every write of the operations log: one function per use case, in a transaction, audited."""

from .attachments import attachment_add
from .handovers import handover_create, handover_update
from .incidents import (
    incident_close,
    incident_create,
    incident_deadline_set,
    incident_deadlines_set,
    incident_step_add,
    incident_update,
)
from .patrols import patrol_create, patrol_update
from .rescue import rescue_create, rescue_update

__all__ = [
    "attachment_add",
    "handover_create",
    "handover_update",
    "incident_close",
    "incident_create",
    "incident_deadline_set",
    "incident_deadlines_set",
    "incident_step_add",
    "incident_update",
    "patrol_create",
    "patrol_update",
    "rescue_create",
    "rescue_update",
]
