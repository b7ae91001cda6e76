"""Search words (ADR 0016): the kept `searched` column holds the words with a space before and
after each, and the kind of an incident and the category of a crime case by their label; the
rows already there are refilled."""

from django.db import migrations

from biengioi.core.search import fill_searched


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0014_searched"),
    ]

    operations = [
        fill_searched(
            "operations",
            {
                "Incident": ("title", "description", "kind"),
                "CrimeCase": ("title", "description", "place", "decision", "category"),
            },
        ),
    ]
