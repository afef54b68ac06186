"""A quick bulk city on PostgreSQL (COPY) for measuring the pages before the `generate_city` command lands.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mt_perf python bench/perf_dataset.py --offices 40 --meetings 50

Each office: one series, `--meetings` meetings a fortnight apart up to today (the last one a draft two days
ahead), 50 items × 2 conclusions per meeting, 40 % of conclusions tracked with one to three responsible units,
reviews at the following meetings and progress reports. Text is drawn from a small Chinese vocabulary in which
採購 and 疫情 are common and 資訊安全稽核 rare, so keyword searches have something to find.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection
from django.utils import timezone

WORDS = ["辦理", "會議", "計畫", "預算", "採購", "疫情", "防治", "工程", "驗收", "公文", "系統", "維護", "人力", "教育訓練", "資料", "檔案", "管理", "規劃", "研議", "協調", "宣導", "活動", "場地", "設備", "車輛", "保養", "招標", "決標", "履約", "經費", "核銷", "執行", "進度", "報告", "檢討", "改善", "方案", "流程", "簡化", "服務", "民眾", "陳情", "案件", "回覆", "稽核", "內控", "資訊", "安全", "網站", "更新", "公告", "作業", "要點", "修正", "草案", "函報", "市府", "核定", "辦公室", "空間"]
RARE = "資訊安全稽核"
UNITS = ["文書組", "總務組", "人事室", "會計室", "政風室", "資訊室", "企劃組", "法制組"]


def sentence(rng: random.Random, n: int) -> str:
    text = "".join(rng.choice(WORDS) for _ in range(n))
    if rng.random() < 0.001:
        text += RARE
    return text + "。"


def copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
        for row in rows:
            out.write_row(row)


def next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offices", type=int, default=40)
    parser.add_argument("--meetings", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    now = timezone.now()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.connection.cursor()
        cursor.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                       "is_staff, is_active, date_joined) VALUES ('!', false, %s, '', '', '', false, true, now()) "
                       "ON CONFLICT (username) DO UPDATE SET username = excluded.username RETURNING id",
                       ["perf-author"])
        author = cursor.fetchone()[0]
        ids = {t: next_id(cursor, t) for t in (
            "minutes_office", "minutes_unit", "minutes_meetingseries", "minutes_meeting", "minutes_section",
            "minutes_agendaitem", "minutes_conclusion", "tracking_trackeditem",
            "tracking_trackeditem_responsible_units", "tracking_review", "tracking_progressreport")}
        rows: dict[str, list] = {t: [] for t in ids}
        rows["closed"] = []

        def new(table, *values):
            pk = ids[table]
            ids[table] += 1
            rows[table].append((pk, *values))
            return pk

        for o in range(args.offices):
            office = new("minutes_office", f"臺北市政府測試局{o + 1:03d}-{ids['minutes_office']}", o, True, o % 2 == 0)
            units = [new("minutes_unit", name, i, True, "", office) for i, name in enumerate(UNITS)]
            series = new("minutes_meetingseries", f"測試局{office}", "局務", office)
            first = now - dt.timedelta(days=14 * (args.meetings - 1) + 2)
            active: list[tuple[int, int]] = []  # (item pk, meeting number opened)
            meeting_pks = []
            for m in range(args.meetings):
                number = 100 + m
                starts = first + dt.timedelta(days=14 * m)
                draft = m == args.meetings - 1
                meeting = new(
                    "minutes_meeting", number, starts, None, "第一會議室", "主席甲", "紀錄乙", "", "", "",
                    "draft" if draft else "signed", None if draft else starts + dt.timedelta(days=3), 1, starts,
                    starts, meeting_pks[-1] if meeting_pks else None, None, series, "",
                )
                meeting_pks.append(meeting)
                # Reviews at this meeting of what is still open; about a third are closed.
                still = []
                for item, opened in active:
                    if rng.random() < 0.5:
                        close = rng.random() < 0.35
                        new("tracking_review", "close" if close else "continue", "open", "closed" if close else
                            "continued", "", "", "", starts, author, meeting, item, None, None, None, "")
                        if close:
                            rows["closed"].append((item, number))
                            continue
                    still.append((item, opened))
                active = still
                sequence = 0
                for s in range(2):
                    section = new("minutes_section", s + 1, s, "報告事項" if s == 0 else "討論事項", "", "會議結論",
                                  meeting)
                    for i in range(25):
                        item = new("minutes_agendaitem", i, sentence(rng, 6), sentence(rng, 20), "會議結論", section)
                        for c in range(2):
                            text = sentence(rng, 12)
                            conclusion = new("minutes_conclusion", c, text, item, section)
                            if rng.random() < 0.4 and sequence < 99:
                                sequence += 1
                                due = (starts + dt.timedelta(days=rng.randint(20, 120))).date()
                                tracked = new(
                                    "tracking_trackeditem", f"{number}{sequence:02d}", number, sequence, text, due,
                                    "open", starts, starts, conclusion, author, series, None,
                                )
                                for unit in rng.sample(units, rng.choice((1, 1, 2, 3))):
                                    new("tracking_trackeditem_responsible_units", tracked, unit)
                                    if rng.random() < 0.6:
                                        new("tracking_progressreport", sentence(rng, 15), "continue",
                                            starts + dt.timedelta(days=rng.randint(1, 40)), author, None, unit,
                                            tracked)
                                active.append((tracked, number))
        closed = dict(rows.pop("closed", []))
        items = rows["tracking_trackeditem"]
        reviewed = {r[-5] for r in rows["tracking_review"]}
        for index, row in enumerate(items):
            pk = row[0]
            if pk in closed:
                items[index] = (*row[:6], "closed", *row[7:12], closed[pk])
            elif pk in reviewed:
                items[index] = (*row[:6], "continued", *row[7:])
        columns = {
            "minutes_office": "id,name,\"order\",active,shares_signed",
            "minutes_unit": "id,name,\"order\",active,email,office_id",
            "minutes_meetingseries": "id,organisation,kind,office_id",
            "minutes_meeting": "id,number,starts_at,adjourned_at,place,chair,recorder,attendees,observers,absentees,"
                               "status,signed_at,version,created_at,updated_at,previous_id,signed_by_id,series_id,"
                               "attachments",
            "minutes_section": "id,number,\"order\",title,body,conclusion_label,meeting_id",
            "minutes_agendaitem": "id,\"order\",title,body,conclusion_label,section_id",
            "minutes_conclusion": "id,\"order\",text,item_id,section_id",
            "tracking_trackeditem": "id,case_number,meeting_number,sequence,subject,due_date,status,created_at,"
                                    "updated_at,conclusion_id,opened_by_id,series_id,closed_meeting_number",
            "tracking_trackeditem_responsible_units": "id,trackeditem_id,unit_id",
            "tracking_review": "id,decision,status_before,status_after,progress,suggestion,reason,created_at,"
                               "decided_by_id,meeting_id,item_id,corrects_id,superseded_at,superseded_by_id,"
                               "superseded_reason",
            "tracking_progressreport": "id,text,suggestion,created_at,author_id,meeting_id,unit_id,item_id",
        }
        for table, cols in columns.items():
            copy(cursor, table, cols.split(","), rows[table])
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            print(f"{table}: {len(rows[table])}")
        cursor.execute("ANALYZE")
        django_cursor.connection.commit()


if __name__ == "__main__":
    main()
