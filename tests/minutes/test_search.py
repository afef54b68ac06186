"""Keyword search (`substring`): exactly icontains' rows, on SQLite and PostgreSQL; on PostgreSQL the bigram index
serves words of two characters or more."""

import pytest
from django.db import connection
from django.utils import timezone

from minutes.models import Conclusion, Meeting, MeetingSeries, Section
from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db

TEXTS = [
    "請總務組辦理採購案之驗收", "疫情期間暫停活動", "採", "購", "ABC 系統更新", "abc 系統", "100% 完成_報告",
    "", "資訊安全稽核", "採　購分開寫", "請依採購法辦理並於下次會議報告採購進度",
]
WORDS = ["採購", "採", "疫情", "abc", "ABC", "系統更新", "100%", "_", "%", "成_", "資訊安全稽核", "不存在", "購分",
         "採　購", "進度"]


@pytest.fixture
def conclusions(db):
    series = MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="處務")
    meeting = Meeting.objects.create(series=series, number=1, starts_at=timezone.now())
    section = Section.objects.create(meeting=meeting, number=1, title="報告事項")
    return [Conclusion.objects.create(section=section, order=n, text=text or "　") for n, text in enumerate(TEXTS)]


@pytest.mark.parametrize("word", WORDS)
def test_a_substring_search_finds_exactly_what_icontains_finds(conclusions, word):
    found = set(Conclusion.objects.filter(text__substring=word).values_list("pk", flat=True))
    assert found == set(Conclusion.objects.filter(text__icontains=word).values_list("pk", flat=True))


def test_a_two_character_word_finds_the_rows_that_hold_it_and_no_others(conclusions):
    found = sorted(Conclusion.objects.filter(text__substring="採購").values_list("text", flat=True))
    assert found == ["請依採購法辦理並於下次會議報告採購進度", "請總務組辦理採購案之驗收"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda word: Conclusion.objects.filter(text__substring=word), "conclusion_text_bigrams"),
        (lambda word: TrackedItem.objects.filter(subject__substring=word), "trackeditem_subject_bigrams"),
        (lambda word: Section.objects.filter(title__substring=word), "section_title_bigrams"),
    ],
    ids=["conclusion", "case subject", "section title"],
)
def test_postgresql_serves_a_two_character_word_from_the_bigram_index(conclusions, queryset, index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan otherwise
        plan = queryset("採購").order_by().explain()  # no ORDER BY index to prefer
    assert index in plan


@pytest.mark.postgres
def test_a_trigram_index_would_hand_back_every_row_for_a_two_character_word(conclusions):
    """Why the bigrams: pg_trgm finds no trigram inside 採購, so its index returns every row for the recheck."""
    import json

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks before an index
        cursor.execute("CREATE INDEX test_trgm ON minutes_conclusion USING gin (text gin_trgm_ops)")
        cursor.execute("SET LOCAL enable_seqscan = off")
        removed = {}
        for word in ("採購", "採購法"):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM minutes_conclusion WHERE text ILIKE %s",
                           [f"%{word}%"])
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            removed[word] = plan[0]["Plan"].get("Rows Removed by Index Recheck", 0)
    assert removed["採購"] == len(TEXTS) - 2  # every row but the two that hold it
    assert removed["採購法"] == 0
