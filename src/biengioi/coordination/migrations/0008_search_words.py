"""Search words (ADR 0016): the kept `searched` column holds the words with a space before and
after each, and the kind of a conference or a document and the level of talks by their label;
the rows already there are refilled."""

from django.db import migrations

from biengioi.core.search import fill_searched


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0007_searched"),
    ]

    operations = [
        fill_searched(
            "coordination",
            {
                "Conference": ("title", "plan_number", "place", "kind"),
                "Task": ("title", "description"),
                "Talks": ("place", "agenda", "our_head", "their_head", "minutes_ref", "level"),
                "Document": ("name", "note", "kind"),
            },
        ),
    ]
