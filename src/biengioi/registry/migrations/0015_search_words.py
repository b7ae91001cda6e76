"""Search words (ADR 0016): the kept search columns hold the words with a space before and after
each, so a whole word and a word's beginning are plain LIKEs; signs keep their note and kind
too, gates their kind (choice fields by their label). The columns are refilled; the name columns
grow by the two spaces."""

from django.db import migrations, models

from biengioi.core.search import fill_kept, fill_searched


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0014_searched"),
    ]

    operations = [
        migrations.AlterField(
            model_name="adminunit",
            name="name_search",
            field=models.CharField(db_index=True, editable=False, max_length=250),
        ),
        migrations.AlterField(
            model_name="bordersection",
            name="name_search",
            field=models.CharField(default="", editable=False, max_length=250),
        ),
        migrations.AlterField(
            model_name="committeemember",
            name="person_search",
            field=models.CharField(db_index=True, default="", editable=False, max_length=160),
        ),
        migrations.AlterField(
            model_name="counterpartunit",
            name="name_search",
            field=models.CharField(db_index=True, default="", editable=False, max_length=250),
        ),
        migrations.AlterField(
            model_name="orgunit",
            name="name_search",
            field=models.CharField(db_index=True, editable=False, max_length=250),
        ),
        fill_searched("registry", {"Sign": ("code", "note", "kind"), "Gate": ("name", "kind")}),
        fill_kept(
            "registry",
            {
                "OrgUnit": ("name_search", ("name",)),
                "AdminUnit": ("name_search", ("name",)),
                "BorderSection": ("name_search", ("code", "name")),
                "CounterpartUnit": ("name_search", ("name",)),
                "CommitteeMember": ("person_search", ("person",)),
            },
        ),
    ]
