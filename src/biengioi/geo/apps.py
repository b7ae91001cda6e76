from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "biengioi.geo"
    label = "geo"
