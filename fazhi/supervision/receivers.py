"""Supervision's answers to what lower layers announce (they send signals; they never import supervision)."""

from django.dispatch import receiver

from fazhi.powers.signals import power_items_flagged
from fazhi.supervision import services


@receiver(power_items_flagged, dispatch_uid="supervision_power_item_review_warn")
def _warn_power_items_flagged(sender, item_ids, on, **kwargs):
    """A law the items cite was amended or repealed: their departments see a warning now (powers sends this
    after its commit)."""
    services.power_item_review_warn(item_ids=item_ids, on=on)
