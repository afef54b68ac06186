"""python manage.py corpus_report: per record of the corpus, whether it imports, reads right and prints back whole.

Each record is imported (with everything the installed apps take from it), rendered as its PDF, turned back
into text by pdftotext, and the whole is rolled back: the database is left as it was.
"""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from minutes import corpus, documents, recall, services
from minutes.reader import ParseError, parse_minutes

GOAL = 0.99


class _RollBack(Exception):
    pass


def pdftotext(pdf: bytes, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()


def report_row(record: corpus.CorpusRecord) -> dict:
    """One record through the chain: parse, import, PDF, pdftotext, parse again; nothing is kept."""
    row = {"name": record.name, "about": record.kind, "imports": "", "structure": "", "cases": "", "recall": None,
           "round_trip": "", "problems": []}
    try:
        parsed = parse_minutes(record.text)
    except ParseError as exc:
        row["imports"] = f"拒絕（第 {exc.line} 行：{exc.reason}）"
        return row
    check = corpus.check_record(parsed, record.expected)
    row["structure"] = "對" if check.structure_right else "錯"
    row["cases"] = f"{check.cases_right}/{check.cases}"
    row["problems"] = check.structure + check.case_problems
    try:
        with transaction.atomic():
            meeting = services.record_import(parsed)
            printed = pdftotext(documents.render_meeting_pdf(meeting))
            raise _RollBack
    except _RollBack:
        pass
    except (services.MeetingError, ValueError) as exc:
        row["imports"] = f"拒絕（{exc}）"
        return row
    row["imports"] = "是"
    text = recall.record_text(record.text, parsed)
    row["recall"] = recall.recall(text, printed)
    try:
        again = parse_minutes(printed)
        problems = corpus.check_record(again, record.expected).structure
        row["round_trip"] = "異" if problems else "同"
        row["problems"] += [f"往返：{problem}" for problem in problems]
    except ParseError as exc:
        row["round_trip"] = f"拒絕（第 {exc.line} 行）"
    if row["recall"] < GOAL:
        row["problems"].append("PDF 缺少：" + "｜".join(recall.missing(text, printed))[:200])
    return row


class Command(BaseCommand):
    help = "逐一匯入語料庫的會議紀錄，報告：能否匯入、結構是否正確、列管案件與決定（k/n）、PDF 文字回收率。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=corpus.CORPUS_DIR, help="語料庫資料夾（預設 tests/fixtures/corpus）")
        parser.add_argument("--details", action="store_true", help="列出每份紀錄不對的地方")

    def handle(self, *args, dir: Path, details: bool, **options):
        rows = [report_row(record) for record in corpus.corpus_records(dir)]
        self.stdout.write("| 紀錄 | 機關與文字來源 | 匯入 | 結構 | 案件與決定 | PDF 回收率 | 往返 |")
        self.stdout.write("| --- | --- | --- | --- | --- | --- | --- |")
        for row in rows:
            rate = "" if row["recall"] is None else f"{row['recall']:.4f}"
            self.stdout.write(
                f"| {row['name']} | {row['about']} | {row['imports']} | {row['structure']} | {row['cases']} | "
                f"{rate} | {row['round_trip']} |"
            )
        passed = sum(
            1 for row in rows
            if row["imports"] == "是" and row["structure"] == "對" and row["recall"] >= GOAL
            and row["cases"].split("/")[0] == row["cases"].split("/")[1] and row["round_trip"] == "同"
        )
        self.stdout.write(f"\n{passed}/{len(rows)} 份紀錄全部正確（回收率目標 ≥ {GOAL}）。")
        if details:
            for row in rows:
                for problem in row["problems"]:
                    self.stdout.write(f"{row['name']}: {problem}")
