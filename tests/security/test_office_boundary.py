"""Offices are the boundary: a permission matrix of every page × every role in two offices that keep the same
record (and so the same case numbers), with forged POSTs; every link opens the office's own case."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import Conclusion, Meeting, Office, Role, Unit
from minutes.reader import parse_minutes
from tests.conftest import make_staff
from tracking import lifecycle
from tracking.models import ProgressReport, TrackedItem

pytestmark = pytest.mark.django_db

PEOPLE = ["a_recorder", "a_chair", "a_chief", "a_member", "b_recorder", "b_chair", "b_chief", "oversight", "nobody"]


@pytest.fixture
def city(make_user, seed_text, django_user_model):
    """Two offices that imported the same record: both have cases 9903…10705 and their own 10801."""
    a = Office.objects.create(name="臺北市政府秘書處", shares_signed=False)
    b = Office.objects.create(name="臺北市政府資訊局")
    world = {"a": a, "b": b}
    for key, office in (("a", a), ("b", b)):
        meeting = services.record_import(parse_minutes(seed_text), office=office)
        conclusion = Conclusion.objects.get(section__meeting=meeting, text__startswith="請文書組於一月底前")
        unit = Unit.objects.get(office=office, name="文書組")
        world[f"{key}_meeting"] = meeting
        world[f"{key}_unit"] = unit
        world[f"{key}_case"] = lifecycle.case_open(conclusion=conclusion, units=[unit])
        world[f"{key}_conclusion"] = Conclusion.objects.get(section__meeting=meeting, text__startswith="請國際事務組")
    people = {
        "a_recorder": make_user("a_recorder", Role.RECORDER, office=a),
        "a_chair": make_user("a_chair", Role.CHAIR, office=a),
        "a_chief": make_user("a_chief", Role.CHIEF, "文書組", office=a),
        "a_member": make_user("a_member", Role.MEMBER, office=a),
        "b_recorder": make_user("b_recorder", Role.RECORDER, office=b),
        "b_chair": make_user("b_chair", Role.CHAIR, office=b),
        "b_chief": make_user("b_chief", Role.CHIEF, "文書組", office=b),
        "oversight": make_user("oversight", Role.OVERSIGHT),
        "nobody": django_user_model.objects.create_user("nobody"),
    }
    world["people"] = people
    return world


def expect(**statuses):
    """The status each person gets; people not named get `rest`."""
    rest = statuses.pop("rest")
    return {person: statuses.get(person, rest) for person in PEOPLE}


A_OFFICE = {"a_recorder": 200, "a_chair": 200, "a_chief": 200, "a_member": 200}


def pages(w):
    """(name, url, who gets what) for every page of office A's record and tracking."""
    meeting, case, unit = w["a_meeting"], w["a_case"], w["a_unit"]
    return [
        ("meeting (draft)", meeting.get_absolute_url(), expect(**A_OFFICE, rest=404)),
        # A page for one role answers 403 to whoever holds it nowhere, 404 to who holds it in another office.
        ("meeting editing", reverse("minutes:meeting-edit", args=[meeting.pk]),
         expect(a_recorder=200, b_recorder=404, rest=403)),
        ("draft PDF", reverse("meeting-pdf", args=[meeting.pk]),
         expect(a_recorder=200, a_chair=200, a_chief=403, a_member=403, rest=404)),
        ("sign page", reverse("minutes:meeting-sign", args=[meeting.pk]),
         expect(a_chair=200, a_recorder=403, a_chief=403, a_member=403, b_chair=404, rest=403)),
        ("review page", reverse("tracking:meeting-review", args=[meeting.pk]),
         expect(a_recorder=200, b_recorder=404, rest=403)),
        ("track a conclusion", reverse("tracking:conclusion-track", args=[w["a_conclusion"].pk]),
         expect(a_recorder=200, b_recorder=404, rest=403)),
        ("case page", case.get_absolute_url(), expect(**A_OFFICE, oversight=200, rest=404)),
        ("case editing", reverse("tracking:item-edit", args=[case.series_id, case.case_number]),
         expect(a_recorder=200, a_chair=403, a_chief=403, a_member=403, oversight=403, b_recorder=404, rest=403)),
        ("unit dashboard", reverse("tracking:unit-dashboard", args=[unit.pk]),
         expect(**A_OFFICE, oversight=200, rest=404)),
        ("unit progress", reverse("tracking:unit-progress", args=[unit.pk]),
         expect(a_recorder=200, a_chief=200, a_chair=403, a_member=403, oversight=403, rest=404)),
    ]


def test_every_page_of_an_office_answers_each_role_as_the_boundary_says(client, city):
    for name, url, statuses in pages(city):
        for person in PEOPLE:
            client.force_login(city["people"][person])
            got = client.get(url).status_code
            assert got == statuses[person], f"{name} as {person}: {got}, expected {statuses[person]}"


def test_signed_minutes_are_read_across_the_city_only_when_their_office_shares_them(client, city):
    meeting = city["a_meeting"]
    services.meeting_sign(meeting, city["people"]["a_chair"])
    client.force_login(city["people"]["b_chief"])
    assert client.get(meeting.get_absolute_url()).status_code == 404
    Office.objects.filter(pk=city["a"].pk).update(shares_signed=True)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("meeting-pdf", args=[meeting.pk])).status_code == 200
    # The draft of the other office stays inside it, shared or not.
    Office.objects.filter(pk=city["b"].pk).update(shares_signed=True)
    client.force_login(city["people"]["a_member"])
    assert client.get(city["b_meeting"].get_absolute_url()).status_code == 404


def test_lists_exports_and_statistics_hold_only_what_the_role_may_see(client, city):
    a_series, b_series = city["a_meeting"].series_id, city["b_meeting"].series_id
    for person, series in (("a_member", {a_series}), ("b_chief", {b_series}), ("oversight", {a_series, b_series})):
        client.force_login(city["people"][person])
        listed = client.get(reverse("tracking:item-list"))
        shown = {item.series_id for item in listed.context["page"].object_list}
        assert shown == series, person
        csv = client.get(reverse("tracking:item-export", args=["csv"]))
        body = b"".join(csv.streaming_content) if csv.streaming else csv.content
        rows = [line.split(",")[0] for line in body.decode("utf-8-sig").splitlines()[1:]]
        assert rows.count("10801") == len(series), person
    client.force_login(city["people"]["a_member"])
    meetings = client.get(reverse("minutes:meeting-list")).context["meetings"]
    assert {m.series.office_id for m in meetings} == {city["a"].pk}
    client.force_login(city["people"]["nobody"])
    assert list(client.get(reverse("minutes:meeting-list")).context["meetings"]) == []
    assert list(client.get(reverse("tracking:item-list")).context["page"].object_list) == []


def test_an_old_case_link_lists_each_offices_case_for_the_oversight_role_and_redirects_within_an_office(client, city):
    client.force_login(city["people"]["a_member"])
    response = client.get("/tracking/10801/")
    assert response.status_code == 302 and response.url == city["a_case"].get_absolute_url()
    client.force_login(city["people"]["oversight"])
    page = client.get("/tracking/10801/").content.decode()
    assert city["a_case"].get_absolute_url() in page and city["b_case"].get_absolute_url() in page
    assert "臺北市政府秘書處" in page and "臺北市政府資訊局" in page
    client.force_login(city["people"]["nobody"])
    assert client.get("/tracking/10801/").status_code == 404


def test_every_case_link_on_every_page_of_an_office_opens_that_offices_own_case(client, city):
    for key in ("a", "b"):
        office = city[key]
        person = "a_recorder" if key == "a" else "b_recorder"
        client.force_login(city["people"][person])
        meeting = city[f"{key}_meeting"]
        own = set(TrackedItem.objects.filter(series__office=office).values_list("series_id", "case_number"))
        for url in (meeting.get_absolute_url(), reverse("tracking:item-list"),
                    reverse("tracking:unit-dashboard", args=[city[f"{key}_unit"].pk]),
                    reverse("tracking:meeting-review", args=[meeting.pk]), reverse("home")):
            html = client.get(url).content.decode()
            links = set(re.findall(r'href="/tracking/(\d+)/(\d+)/"', html))
            assert links, url
            assert {(int(s), c) for s, c in links} <= own, url
        # and every one of them opens with the office's name on it
        for series, number in sorted(own)[:3]:
            page = client.get(reverse("tracking:item-detail", args=[series, number])).content.decode()
            assert office.name in page


def test_a_case_page_says_its_office_and_series(client, city):
    client.force_login(city["people"]["oversight"])
    page = client.get(city["b_case"].get_absolute_url()).content.decode()
    assert "臺北市政府資訊局" in page and "臺北市政府秘書處處務會議" in page


# --- forged writes across the boundary change nothing --------------------------------------------------------------


def test_a_recorder_of_another_office_cannot_edit_a_meeting_even_with_a_forged_post(client, city):
    meeting = city["a_meeting"]
    conclusion = city["a_conclusion"]
    client.force_login(city["people"]["b_recorder"])
    response = client.post(reverse("minutes:part-edit", args=[meeting.pk, "conclusion", conclusion.pk]),
                           {"text": "改掉", "version": meeting.version})
    assert response.status_code == 404
    assert Conclusion.objects.get(pk=conclusion.pk).text.startswith("請國際事務組")


def test_a_chief_of_another_office_cannot_report_for_a_unit_of_the_same_name(client, city):
    unit, case = city["a_unit"], city["a_case"]
    client.force_login(city["people"]["b_chief"])
    response = client.post(reverse("tracking:unit-progress", args=[unit.pk]),
                           {f"item-{case.pk}-text": "已完成", f"item-{case.pk}-suggestion": "close"})
    assert response.status_code == 404 and not ProgressReport.objects.exists()


def test_a_chair_of_another_office_cannot_sign(client, city):
    meeting = city["a_meeting"]
    client.force_login(city["people"]["b_chair"])
    response = client.post(reverse("minutes:meeting-sign", args=[meeting.pk]), {"version": meeting.version})
    assert response.status_code == 404 and not Meeting.objects.get(pk=meeting.pk).is_signed


def test_a_recorder_of_another_office_cannot_record_decisions_or_track(client, city):
    meeting, case = city["a_meeting"], city["a_case"]
    client.force_login(city["people"]["b_recorder"])
    review = client.post(reverse("tracking:meeting-review", args=[meeting.pk]), {f"decision_{case.pk}": "close"})
    track = client.post(reverse("tracking:conclusion-track", args=[city["a_conclusion"].pk]),
                        {"units": [city["a_unit"].pk]})
    assert (review.status_code, track.status_code) == (404, 404)
    assert not TrackedItem.objects.filter(conclusion=city["a_conclusion"]).exists()


def test_a_unit_of_another_office_cannot_be_given_to_a_case(client, city):
    case = city["a_case"]
    client.force_login(city["people"]["a_recorder"])
    response = client.post(reverse("tracking:item-edit", args=[case.series_id, case.case_number]),
                           {"subject": case.subject, "units": [city["b_unit"].pk], "supporting_units": [],
                            "due_date": ""})
    assert response.status_code == 200 and "請選擇本機關有效的組室" in response.content.decode()
    assert list(case.responsible_units.all()) == [city["a_unit"]]


def test_the_import_goes_into_the_recorders_own_office_whatever_is_posted(client, city):
    client.force_login(city["people"]["b_recorder"])
    text = ("臺北市政府秘書處第 109 次處務會議紀錄\n時間：民國 111 年 2 月 17 日 10 時 0 分\n地點：視訊會議\n"
            "主席：陳志銘\n紀錄：葉霆怡\n出席：如簽到表\n壹、主席致詞\n會議結論：同意備查。\n散會(10時30分)\n")
    response = client.post(reverse("minutes:meeting-import"), {"text": text, "action": "save",
                                                               "office": city["a"].pk})
    assert response.status_code == 302
    assert Meeting.objects.get(number=109).series.office == city["b"]


# --- the admin -----------------------------------------------------------------------------------------------------


def test_a_recorder_sees_only_their_office_in_the_admin(client, city):
    client.force_login(make_staff(city["people"]["a_recorder"]))
    listed = client.get(reverse("admin:minutes_meeting_changelist")).context["cl"].result_list
    assert {m.series.office_id for m in listed} == {city["a"].pk}
    other = client.get(reverse("admin:minutes_meeting_change", args=[city["b_meeting"].pk]))
    assert other.status_code == 302  # Django's "does not exist" redirect with a message
    units = client.get(reverse("admin:tracking_trackeditem_change", args=[city["a_case"].pk])).context[
        "adminform"].form.fields["responsible_units"].queryset
    assert set(units.values_list("office_id", flat=True)) == {city["a"].pk}


def test_two_offices_each_have_a_unit_named_as_the_other(city):
    assert Unit.objects.filter(name="文書組").count() == 2
    assert city["a_case"].case_number == city["b_case"].case_number == "10801"


WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0))


def test_the_new_meeting_page_starts_from_the_recorders_own_series(client, city):
    client.force_login(city["people"]["b_recorder"])
    form = client.get(reverse("minutes:meeting-create")).context["form"]
    assert form.initial["series"] == city["b_meeting"].series
    assert set(form.fields["series"].queryset) == {city["b_meeting"].series}
    forged = client.get(reverse("minutes:meeting-create") + f"?from={city['a_meeting'].pk}").context["form"]
    assert forged.initial["series"] == city["b_meeting"].series


def test_the_import_command_asks_which_office_when_there_are_several(city, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "109.txt"
    path.write_text("臺北市政府資訊局第 109 次局務會議紀錄\n時間：民國 111 年 2 月 21 日 14 時 0 分\n地點：本局\n主席：李明哲\n"
                    "紀錄：王怡文\n出席：如簽到表\n壹、主席致詞\n會議結論：同意備查。\n散會(15時0分)\n", encoding="utf-8")
    with pytest.raises(CommandError, match="請以 --office 指定"):
        call_command("import_minutes", str(path))
    with pytest.raises(CommandError, match="找不到機關「不存在的局」"):
        call_command("import_minutes", str(path), "--office", "不存在的局")
    call_command("import_minutes", str(path), "--office", "臺北市政府資訊局")
    assert Meeting.objects.get(number=109).series.office == city["b"]
