"""Seeds the programme's default information pages; coordinators edit them afterwards.

Pages that already exist (same slug) are left as they are, and removing the migration keeps
whatever coordinators wrote.
"""

from django.db import migrations

from mentormatch.home.info_defaults import install_default_pages


def add_pages(apps, schema_editor):
    install_default_pages(apps.get_model("core", "InfoPage"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(add_pages, migrations.RunPython.noop)]
