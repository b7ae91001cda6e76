from django.db import migrations

COUNTRIES = [
    ("CN", "Trung Quốc", "China"),
    ("LA", "Lào", "Laos"),
    ("KH", "Campuchia", "Cambodia"),
]


def add(apps, schema_editor):
    Country = apps.get_model("registry", "Country")
    for code, name, name_en in COUNTRIES:
        Country.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_border_registry")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
