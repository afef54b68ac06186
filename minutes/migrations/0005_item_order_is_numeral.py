"""Items are now shown with their order as their numeral (the import keeps the record's 一、二、四).

Before, the pages numbered items by position, so orders left with gaps by deleting an item in the editor
did not show. Number those items 1..n once, as they were shown; new imports keep the record's numbers.
"""

from django.db import migrations


def number_items_as_shown(apps, schema_editor):
    AgendaItem = apps.get_model("minutes", "AgendaItem")
    section_ids = AgendaItem.objects.values_list("section_id", flat=True).distinct()
    for section_id in section_ids:
        items = AgendaItem.objects.filter(section_id=section_id).order_by("order", "id")
        for number, item in enumerate(items, 1):
            if item.order != number:
                AgendaItem.objects.filter(pk=item.pk).update(order=number)


class Migration(migrations.Migration):
    dependencies = [("minutes", "0004_report_label")]

    operations = [migrations.RunPython(number_items_as_shown, migrations.RunPython.noop)]
