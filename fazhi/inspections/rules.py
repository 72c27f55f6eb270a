"""The figures of rules.md §7 that are not deadlines (the publication deadline is INSPECTION-PUBLISH in the rule
table). Each carries the id that screens, reports and errors cite."""

from __future__ import annotations

from decimal import Decimal

# Random-inspection coverage the seed's district must reach (GB58): at least 70% of a department's
# market-supervision inspection items and 50% of its other inspection items. A department counts as a
# market-supervision department when one of its enforcement bodies holds the market-regulation category.
COVERAGE_RULE = "GB58-COVERAGE"
COVERAGE_TARGET_MARKET = Decimal("70")
COVERAGE_TARGET_OTHER = Decimal("50")
MARKET_CATEGORY_CODE = "market"

# At least two inspectors per visit, per department (rules.md §7; XZCF-42 for any act of enforcement).
TEAM_RULE = "GB58-TEAM"
MIN_TEAM_SIZE = 2

# Conflicts of interest: the inspector steps aside (rules.md §7).
CONFLICT_RULE = "GB58-RECUSAL"

# Ratios are percentages, 0 to 100 inclusive (a ratio above 100% is refused).
RATIO_RULE = "GB58-RATIO"
MAX_RATIO = Decimal("100")

# Replaying a draw: seed, pool snapshot, exclusions and manual additions are kept (rules.md §7).
REPLAY_RULE = "GB58-REPLAY"

PUBLISH_RULE = "INSPECTION-PUBLISH"
