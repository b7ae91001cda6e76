from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "biengioi.web"
    label = "web"
