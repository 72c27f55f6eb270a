"""Every read of the powers app, scoped where rows belong to an organisation. One module per area."""

from fazhi.powers.selectors.catalogue import *  # noqa: F403
from fazhi.powers.selectors.items import *  # noqa: F403
from fazhi.powers.selectors.laws import *  # noqa: F403
