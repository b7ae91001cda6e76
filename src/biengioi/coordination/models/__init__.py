"""Coordination (DOMAIN §3.12–3.14): coordination regulations and the reporting duties they set,
the submissions those duties expect, conferences and their conclusions, the tasks that follow,
talks with the other side, information exchanges, the committee's budget estimates, and the files
kept with them. One file per kind of record, each imported here.

Every record belongs to a unit, carries a client-made id (`uuid`: a retried request never makes
a duplicate) and a `version` (a stale edit is refused, never overwrites).
"""

from .budget import *  # noqa: F403
from .conferences import *  # noqa: F403
from .documents import *  # noqa: F403
from .regulations import *  # noqa: F403
from .talks import *  # noqa: F403
