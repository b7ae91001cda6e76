# English pages keep the Vietnamese day order (dd/mm/yyyy); only numbers change: 21,790.
from biengioi.core.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
