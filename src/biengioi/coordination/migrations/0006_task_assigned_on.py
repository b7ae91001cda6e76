"""The day a task was given (Task.assigned_on): filled for the tasks already recorded from their
conclusion notice's day, else their talks' day, else the day they were recorded
(or their deadline's, when that is earlier: copied from the paper files after it)."""

from django.db import migrations, models
from django.utils import timezone


def fill(apps, schema_editor):
    Task = apps.get_model("coordination", "Task")
    rows = Task.objects.select_related("conclusion", "agreed_point__talks").iterator()
    for task in rows:
        if task.conclusion_id:
            task.assigned_on = task.conclusion.issued_on
        elif task.agreed_point_id:
            task.assigned_on = task.agreed_point.talks.held_on
        else:
            task.assigned_on = min(timezone.localdate(task.created_at), task.deadline)
        task.save(update_fields=["assigned_on"])


class Migration(migrations.Migration):
    dependencies = [("coordination", "0005_documents")]

    operations = [
        migrations.AddField(
            model_name="task",
            name="assigned_on",
            field=models.DateField(null=True, verbose_name="ngày giao"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="task",
            name="assigned_on",
            field=models.DateField(verbose_name="ngày giao"),
        ),
    ]
