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

__all__ = [
    "budget_item_create",
    "budget_item_update",
    "conclusion_create",
    "conclusion_update",
    "conference_create",
    "conference_update",
    "task_create",
    "task_progress_record",
    "task_update",
]
