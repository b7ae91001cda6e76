"""The kept search copy of signs and gates (core.search.Searched), filled for the rows already
there; on PostgreSQL a trigram index on it and on every kept `name_search` of the registry."""

from django.db import migrations, models

from biengioi.core.search import fill_searched, trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0013_post_position"),
    ]

    operations = [
        migrations.AddField(
            model_name="gate",
            name="searched",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="sign",
            name="searched",
            field=models.TextField(default="", editable=False),
        ),
        fill_searched("registry", {"Sign": ("code",), "Gate": ("name",)}),
        trigram_indexes(
            ("registry_sign", "searched"),
            ("registry_gate", "searched"),
            ("registry_orgunit", "name_search"),
            ("registry_adminunit", "name_search"),
            ("registry_bordersection", "name_search"),
            ("registry_counterpartunit", "name_search"),
        ),
    ]
