from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "biengioi.geo"
    label = "geo"

    def ready(self) -> None:
        from biengioi.core.panels import add

        from .views import patrol_panel

        add("patrol", patrol_panel)  # a patrol's GPS tracks on its page
