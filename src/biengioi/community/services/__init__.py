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

__all__ = [
    "propaganda_import",
    "propaganda_session_create",
    "propaganda_session_update",
    "propaganda_template",
    "propaganda_topic_create",
    "propaganda_topic_update",
    "propaganda_topics_seed",
]
