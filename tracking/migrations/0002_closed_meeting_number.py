from django.db import migrations, models


def backfill_closed_meeting_number(apps, schema_editor):
    TrackedItem = apps.get_model("tracking", "TrackedItem")
    Review = apps.get_model("tracking", "Review")
    for item in TrackedItem.objects.filter(status="closed"):
        last = (
            Review.objects.filter(item=item, status_after="closed")
            .order_by("-meeting__number")
            .values_list("meeting__number", flat=True)
            .first()
        )
        if last is not None:
            TrackedItem.objects.filter(pk=item.pk).update(closed_meeting_number=last)


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0001_initial'),
        ('tracking', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='trackeditem',
            name='closed_meeting_number',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='解除列管會次'),
        ),
        migrations.AddIndex(
            model_name='trackeditem',
            index=models.Index(fields=['status', 'due_date'], name='tracked_item_status_due'),
        ),
        migrations.RunPython(backfill_closed_meeting_number, migrations.RunPython.noop),
    ]
