"""Case numbers kept as written (long enough for every scheme) with a key for lookup, sorting and uniqueness; the
keys of existing cases (all in this app's own scheme, 10801) are filled from their numbers."""

from django.conf import settings
from django.db import migrations, models


def fill_keys(apps, schema_editor):
    """Every existing number is in the app's own scheme, whose key is the number itself: one UPDATE per table, then
    the rare rows whose key differs (none so far) one batch at a time, so a city's 4 × 10⁵ cases migrate quickly."""
    from minutes.reader.casenumbers import case_key

    for name in ("TrackedItem", "HistoricalTrackedItem"):
        model = apps.get_model("tracking", name)
        model.objects.update(case_key=models.F("case_number"))
        pk = model._meta.pk.attname
        batch = []
        for row_pk, number in model.objects.values_list(pk, "case_number").iterator(chunk_size=5000):
            key = case_key(number)
            if key != number:
                batch.append(model(**{pk: row_pk, "case_key": key}))
            if len(batch) >= 1000:
                model.objects.bulk_update(batch, ["case_key"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["case_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0007_offices'),
        ('tracking', '0004_review_corrections'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='trackeditem',
            name='unique_case_number_in_series',
        ),
        migrations.RemoveConstraint(
            model_name='trackeditem',
            name='unique_case_sequence',
        ),
        migrations.AddField(
            model_name='historicaltrackeditem',
            name='case_key',
            field=models.CharField(default='', editable=False, max_length=20, verbose_name='案號索引'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='trackeditem',
            name='case_key',
            field=models.CharField(default='', editable=False, max_length=20, verbose_name='案號索引'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='historicaltrackeditem',
            name='case_number',
            field=models.CharField(max_length=20, verbose_name='列管案號'),
        ),
        migrations.AlterField(
            model_name='trackeditem',
            name='case_number',
            field=models.CharField(max_length=20, verbose_name='列管案號'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='trackeditem',
            constraint=models.UniqueConstraint(fields=('series', 'case_key'), name='unique_case_key_in_series'),
        ),
    ]
