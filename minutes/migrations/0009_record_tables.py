"""Tables of tracked cases stored with the record (RecordTable), with their history."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0008_series_case_scheme'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalRecordTable',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('order', models.PositiveIntegerField(default=0, verbose_name='排序')),
                ('position', models.PositiveIntegerField(default=0, help_text='表格之前的內容段落數', verbose_name='位置')),
                ('headings', models.JSONField(default=list, verbose_name='欄位標題')),
                ('rows', models.JSONField(default=list, verbose_name='列')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.agendaitem', verbose_name='案由')),
                ('section', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.section', verbose_name='段落')),
            ],
            options={
                'verbose_name': 'historical 列管案件表',
                'verbose_name_plural': 'historical 列管案件表',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='RecordTable',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveIntegerField(default=0, verbose_name='排序')),
                ('position', models.PositiveIntegerField(default=0, help_text='表格之前的內容段落數', verbose_name='位置')),
                ('headings', models.JSONField(default=list, verbose_name='欄位標題')),
                ('rows', models.JSONField(default=list, verbose_name='列')),
                ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='tables', to='minutes.agendaitem', verbose_name='案由')),
                ('section', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tables', to='minutes.section', verbose_name='段落')),
            ],
            options={
                'verbose_name': '列管案件表',
                'verbose_name_plural': '列管案件表',
                'ordering': ['order', 'id'],
            },
        ),
    ]
