"""The kept search copy of conferences, tasks, talks and documents (core.search.Searched),
filled for the rows already there, and its trigram index on PostgreSQL."""

from django.db import migrations, models

from biengioi.core.search import fill_searched, trigram_indexes

MODELS = {
    "Conference": ("title", "plan_number", "place"),
    "Task": ("title", "description"),
    "Talks": ("place", "agenda", "our_head", "their_head", "minutes_ref"),
    "Document": ("name", "note"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0006_task_assigned_on"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=name.lower(),
                name="searched",
                field=models.TextField(default="", editable=False),
            )
            for name in MODELS
        ),
        fill_searched("coordination", MODELS),
        trigram_indexes(*((f"coordination_{name.lower()}", "searched") for name in MODELS)),
    ]
