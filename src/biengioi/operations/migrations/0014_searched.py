"""The kept search copy of incidents and crime cases (core.search.Searched), filled for the rows
already there, and its trigram index on PostgreSQL."""

from django.db import migrations, models

from biengioi.core.search import fill_searched, trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0013_attachment_removed"),
    ]

    operations = [
        migrations.AddField(
            model_name="crimecase",
            name="searched",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="incident",
            name="searched",
            field=models.TextField(default="", editable=False),
        ),
        fill_searched(
            "operations",
            {
                "Incident": ("title", "description"),
                "CrimeCase": ("title", "description", "place", "decision"),
            },
        ),
        trigram_indexes(
            ("operations_incident", "searched"),
            ("operations_crimecase", "searched"),
        ),
    ]
