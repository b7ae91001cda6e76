"""Community and cooperation work (DOMAIN §3.6–3.11): propaganda and legal education, training,
self-management teams under Directive 01/CT-TTg, twinning across the border, social programmes,
emulation and awards. One file per kind of record, each imported here.

Every record belongs to the unit that did the work, carries a client-made id (`uuid`: a retried
request never makes a duplicate) and a `version` (a stale edit is refused, never overwrites).
"""

from .emulation import *  # noqa: F403
from .programmes import *  # noqa: F403
from .propaganda import *  # noqa: F403
from .teams import *  # noqa: F403
from .training import *  # noqa: F403
from .twinning import *  # noqa: F403
