"""Name the patrol or repair that wrote each existing marker status entry (registry 0012), so the
entries written before it keep their text from other posts too.

An entry is matched by what the services wrote: a patrol's changed inspection enters its status
on the patrol's local day with the inspection's note; a repair enters its problem on the day it
was found with its description, and "intact" on its repaired step's day with that step's note.
An entry that matches nothing stays a registry entry, as it was."""

from zoneinfo import ZoneInfo

from django.db import migrations

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _claim(entries, origin, origin_id, **match):
    entry = entries.filter(origin="", **match).exclude(source="").order_by("pk").first()
    if entry is not None:
        entry.origin, entry.origin_id = origin, origin_id
        entry.save(update_fields=["origin", "origin_id"])


def name_origins(apps, schema_editor):
    entries = apps.get_model("registry", "MarkerStatus").objects
    inspections = apps.get_model("operations", "MarkerInspection").objects
    repairs = apps.get_model("operations", "MarkerRepair").objects
    steps = apps.get_model("operations", "MarkerRepairStep").objects
    for i in inspections.filter(status_changed=True).select_related("patrol").order_by("pk"):
        day = i.patrol.started_at.astimezone(LOCAL).date()
        _claim(
            entries,
            "operations.patrol",
            i.patrol_id,
            marker_id=i.marker_id,
            on=day,
            status=i.status,
            note=i.note,
        )
    for r in repairs.filter(inspection__isnull=True).order_by("pk"):
        _claim(
            entries,
            "operations.markerrepair",
            r.pk,
            marker_id=r.marker_id,
            on=r.detected_on,
            status=r.problem,
            note=r.description,
        )
    for s in steps.filter(stage="repaired").select_related("repair").order_by("pk"):
        _claim(
            entries,
            "operations.markerrepair",
            s.repair_id,
            marker_id=s.repair.marker_id,
            on=s.on,
            status="intact",
            note=s.note,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0010_plan_versions"),
        ("registry", "0012_status_entry_origin"),
    ]

    operations = [migrations.RunPython(name_origins, migrations.RunPython.noop)]
