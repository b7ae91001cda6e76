"""Every write of community work: one function per use case, in a transaction, audited."""

from .propaganda import (
    propaganda_import,
    propaganda_session_create,
    propaganda_session_update,
    propaganda_template,
    propaganda_topic_create,
    propaganda_topic_update,
    propaganda_topics_seed,
)
from .teams import (
    team_activity_add,
    team_create,
    team_member_add,
    team_member_update,
    team_review_add,
    team_update,
)
from .training import training_course_create, training_course_update

__all__ = [
    "propaganda_import",
    "propaganda_session_create",
    "propaganda_session_update",
    "propaganda_template",
    "propaganda_topic_create",
    "propaganda_topic_update",
    "propaganda_topics_seed",
    "team_activity_add",
    "team_create",
    "team_member_add",
    "team_member_update",
    "team_review_add",
    "team_update",
    "training_course_create",
    "training_course_update",
]
