"""Signals the powers app sends for the layers above it (which powers must not import).

power_items_flagged: sent after the commit of a change that flagged power items for review (a law they cite was
amended or repealed). Arguments: item_ids (PowerItem primary keys), on (the date of the change). The supervision
app puts a warning on the workbench of each item's departments.
"""

from django.dispatch import Signal

power_items_flagged = Signal()
