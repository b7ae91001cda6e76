from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "biengioi.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        from . import search

        connection_created.connect(search.register, dispatch_uid="biengioi.core.search")
