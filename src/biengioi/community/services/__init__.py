"""Every write of community work: one function per use case, in a transaction, audited."""

from .emulation import (
    award_create,
    award_update,
    emulation_movement_create,
    emulation_movement_update,
    emulation_review_add,
)
from .programmes import (
    programme_activity_create,
    programme_activity_update,
    programme_beneficiary_create,
    programme_beneficiary_update,
    programme_create,
    programme_update,
    programmes_seed,
)
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
from .twinning import twinning_activity_add, twinning_create, twinning_update

__all__ = [
    "programme_activity_create",
    "programme_activity_update",
    "programme_beneficiary_create",
    "programme_beneficiary_update",
    "programme_create",
    "programme_update",
    "programmes_seed",
    "award_create",
    "award_update",
    "emulation_movement_create",
    "emulation_movement_update",
    "emulation_review_add",
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
    "twinning_activity_add",
    "twinning_create",
    "twinning_update",
]
