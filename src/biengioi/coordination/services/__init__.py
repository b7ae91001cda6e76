"""Every write of coordination work: one function per use case, in a transaction, audited."""

from .budget import budget_item_create, budget_item_update
from .conferences import (
    conclusion_create,
    conclusion_update,
    conference_create,
    conference_update,
    task_create,
    task_progress_record,
    task_update,
)
from .documents import (
    document_add,
    document_remove,
    submission_create_with_file,
    task_progress_record_with_file,
)
from .exchanges import exchange_create, exchange_update
from .regulations import (
    duty_add,
    duty_update,
    regulation_create,
    regulation_update,
    submission_create,
    submission_update,
)
from .talks import planned_talks_create, planned_talks_update, talks_create, talks_update

__all__ = [
    "budget_item_create",
    "budget_item_update",
    "conclusion_create",
    "duty_add",
    "duty_update",
    "regulation_create",
    "regulation_update",
    "submission_create",
    "submission_create_with_file",
    "submission_update",
    "conclusion_update",
    "conference_create",
    "conference_update",
    "document_add",
    "document_remove",
    "exchange_create",
    "exchange_update",
    "planned_talks_create",
    "planned_talks_update",
    "talks_create",
    "talks_update",
    "task_create",
    "task_progress_record",
    "task_progress_record_with_file",
    "task_update",
]
