"""Offices (機關) as the boundary: an existing one-office database moves into one office.

The office is named after the organisation most of its meeting series carry (臺北市政府秘書處 for the demo), or
DEFAULT_OFFICE_NAME when there is none; its series and units move into it, and each person's profile (one role, one
unit) becomes their membership of that office.
"""

from collections import Counter

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import minutes.models


def into_one_office(apps, schema_editor):
    Office = apps.get_model("minutes", "Office")
    MeetingSeries = apps.get_model("minutes", "MeetingSeries")
    Unit = apps.get_model("minutes", "Unit")
    Profile = apps.get_model("minutes", "Profile")
    Membership = apps.get_model("minutes", "Membership")
    if not (MeetingSeries.objects.exists() or Unit.objects.exists() or Profile.objects.exists()):
        return  # a new database: the first office is made when it is first needed
    names = Counter(MeetingSeries.objects.values_list("organisation", flat=True))
    name = names.most_common(1)[0][0] if names else getattr(settings, "DEFAULT_OFFICE_NAME", "本機關")
    office = Office.objects.create(name=name)
    MeetingSeries.objects.update(office=office)
    Unit.objects.update(office=office)
    Membership.objects.bulk_create(
        Membership(user_id=p.user_id, office=office, role=p.role, unit_id=p.unit_id, title=p.title)
        for p in Profile.objects.all()
    )


def back_to_profiles(apps, schema_editor):
    Profile = apps.get_model("minutes", "Profile")
    Membership = apps.get_model("minutes", "Membership")
    for membership in Membership.objects.exclude(role="oversight").order_by("pk"):
        Profile.objects.get_or_create(
            user_id=membership.user_id,
            defaults={"role": membership.role, "unit_id": membership.unit_id, "title": membership.title},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("minutes", "0006_signed_record_versions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Office",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="機關名稱")),
                ("order", models.PositiveIntegerField(default=0, verbose_name="排序")),
                ("active", models.BooleanField(default=True, verbose_name="使用中")),
                ("shares_signed", models.BooleanField(
                    default=False, verbose_name="簽核紀錄供全府閱覽",
                    help_text="勾選後，本機關已簽核的會議紀錄可供市府所有同仁閱覽與下載（草稿仍僅限本機關）。",
                )),
            ],
            options={"verbose_name": "機關", "verbose_name_plural": "機關", "ordering": ["order", "name"]},
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="series",
                                    to="minutes.office", verbose_name="所屬機關"),
        ),
        migrations.AddField(
            model_name="unit",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="units",
                                    to="minutes.office", verbose_name="機關"),
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[
                    ("recorder", "紀錄（秘書室）"), ("chair", "主席"), ("chief", "組室主管"), ("member", "同仁"),
                    ("oversight", "研考（全府列管）"),
                ], default="member", max_length=20, verbose_name="角色")),
                ("title", models.CharField(blank=True, max_length=30, verbose_name="職稱")),
                ("office", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                             related_name="memberships", to="minutes.office", verbose_name="機關")),
                ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                           to="minutes.unit", verbose_name="組室")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships",
                                           to=settings.AUTH_USER_MODEL, verbose_name="帳號")),
            ],
            options={"verbose_name": "人員角色", "verbose_name_plural": "人員角色", "ordering": ["user", "office", "role"]},
        ),
        migrations.RunPython(into_one_office, back_to_profiles),
        # Required from now on. The fields' default (the install's one office) is the models' only: had the
        # database been told, altering the column would have called it and made an office in every database.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(
                    model_name="meetingseries",
                    name="office",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="series",
                                            to="minutes.office", verbose_name="所屬機關"),
                ),
                migrations.AlterField(
                    model_name="unit",
                    name="office",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="units",
                                            to="minutes.office", verbose_name="機關"),
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="meetingseries",
                    name="office",
                    field=models.ForeignKey(default=minutes.models.sole_office_id,
                                            on_delete=django.db.models.deletion.PROTECT, related_name="series",
                                            to="minutes.office", verbose_name="所屬機關"),
                ),
                migrations.AlterField(
                    model_name="unit",
                    name="office",
                    field=models.ForeignKey(default=minutes.models.sole_office_id,
                                            on_delete=django.db.models.deletion.PROTECT, related_name="units",
                                            to="minutes.office", verbose_name="機關"),
                ),
            ],
        ),
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(max_length=50, verbose_name="名稱"),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("office", "name"), name="unique_unit_name_in_office"),
        ),
        migrations.RemoveConstraint(model_name="meetingseries", name="unique_series"),
        migrations.AddConstraint(
            model_name="meetingseries",
            constraint=models.UniqueConstraint(fields=("office", "organisation", "kind"), name="unique_series"),
        ),
        migrations.AlterModelOptions(
            name="meetingseries",
            options={"ordering": ["office", "organisation", "kind"], "verbose_name": "會議系列",
                     "verbose_name_plural": "會議系列"},
        ),
        migrations.AlterModelOptions(
            name="unit",
            options={"ordering": ["office", "order", "name"], "verbose_name": "組室", "verbose_name_plural": "組室"},
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(condition=~models.Q(role="chief") | models.Q(unit__isnull=False),
                                              name="membership_chief_has_unit"),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(role="oversight", office__isnull=True)
                | (~models.Q(role="oversight") & models.Q(office__isnull=False)),
                name="only_oversight_is_city_wide",
            ),
        ),
        migrations.DeleteModel(name="Profile"),
    ]
