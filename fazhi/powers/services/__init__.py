"""Every write of the powers app. One module per area, re-exported here so callers use `powers.services.x`."""

from fazhi.powers.services.catalogue import *  # noqa: F403
from fazhi.powers.services.items import *  # noqa: F403
from fazhi.powers.services.laws import *  # noqa: F403
