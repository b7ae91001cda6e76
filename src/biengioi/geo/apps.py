from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save


class GeoConfig(AppConfig):
    name = "biengioi.geo"
    label = "geo"

    def ready(self) -> None:
        from biengioi.core.panels import add
        from biengioi.registry.models import BorderSection, Marker

        from . import coverage
        from .views import patrol_panel

        add("patrol", patrol_panel)  # a patrol's GPS tracks on its page

        # coverage kept when the border it is measured against changes (the registry knows
        # nothing of geo: geo listens)
        def section_saved(sender: Any, instance: BorderSection, **kwargs: Any) -> None:
            if not kwargs.get("raw"):
                coverage.section_saved(instance)

        def marker_saved(sender: Any, instance: Marker, **kwargs: Any) -> None:
            if not kwargs.get("raw"):
                coverage.marker_saved(instance)

        post_save.connect(
            section_saved, sender=BorderSection, weak=False, dispatch_uid="geo.section_saved"
        )
        post_save.connect(marker_saved, sender=Marker, weak=False, dispatch_uid="geo.marker_saved")
