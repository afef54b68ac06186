"""python manage.py generate_city: a whole city government of generated records, to measure every page at scale."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tracking import citygen


class Command(BaseCommand):
    help = (
        "產生模擬市府資料（預設 40 個機關 × 250 次會議，約 100 萬則會議結論、40 萬件列管案件及其審議與辦理情形），"
        "供量測各頁速度；PostgreSQL 以 COPY 寫入。已有實際資料的資料庫會拒絕（--force 可強制）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--offices", type=int, default=40, help="機關數（預設 40）")
        parser.add_argument("--meetings", type=int, default=250, help="每個機關的會議次數（預設 250）")
        parser.add_argument("--seed", type=int, default=11, help="亂數種子：同一種子產生同樣的資料（預設 11）")
        parser.add_argument(
            "--signed", type=int, default=3,
            help="每個會議系列前幾次會議經主席簽核（以正式流程產生並保存 PDF；預設 3），其餘為草稿",
        )
        parser.add_argument("--today", help="以這一天為準（YYYY-MM-DD），最後一次會議在其前 7 天；預設為今天")
        parser.add_argument("--clear", action="store_true", help="先刪除先前產生的模擬資料，再重新產生")
        parser.add_argument("--force", action="store_true", help="資料庫已有實際資料時仍加入模擬資料")

    def handle(self, *args, **options):
        for name in ("offices", "meetings"):
            if not 1 <= options[name] <= 10_000:
                raise CommandError(f"--{name} 應介於 1 到 10000。")
        if options["signed"] < 0:
            raise CommandError("--signed 不能是負數。")
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"日期格式應為 YYYY-MM-DD：{options['today']}") from None
        try:
            citygen.check_database(force=options["force"], clear=options["clear"])
        except citygen.CityRefused as exc:
            raise CommandError(str(exc)) from None
        if options["clear"]:
            citygen.clear_city()
            self.stdout.write("已刪除先前產生的模擬資料。")
        generator = citygen.CityGenerator(
            offices=options["offices"], meetings=options["meetings"], seed=options["seed"],
            signed=options["signed"], today=today, log=self.stdout.write if options["verbosity"] > 1 else None,
        )
        counts = generator.run()
        self.stdout.write(citygen.summary(counts))
