"""Case numbers kept as written (long enough for every scheme) with a key for lookup, sorting and uniqueness; the
keys of existing cases (all in this app's own scheme, 10801) are filled from their numbers."""

from django.conf import settings
from django.db import migrations, models


def fill_keys(apps, schema_editor):
    from minutes.reader.casenumbers import case_key

    for name in ("TrackedItem", "HistoricalTrackedItem"):
        model = apps.get_model("tracking", name)
        for row in model.objects.only("pk", "case_number").iterator():
            model.objects.filter(pk=row.pk).update(case_key=case_key(row.case_number))


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
