from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "biengioi.core"
    label = "core"
    verbose_name = "Lõi"
