"""The XLSX and ODS exports open with columns wide enough for their Chinese text, and the download header
carries a Chinese file name with an ASCII fallback."""

import datetime as dt
import io
import re
import zipfile
from email.message import Message
from urllib.parse import unquote
from xml.etree import ElementTree

import openpyxl
import pytest
from django.urls import reverse

from tracking import exports
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db

LONG_PROGRESS = "本處群組已於 1 月 28 日全數移轉至 TAIPEION 即時通，Line 群組同日停用。" * 3


@pytest.fixture
def client_member(make_user, login):
    return login(make_user("reader"))


@pytest.fixture
def listed(make_item, units, chief_wenshu):
    subject = "請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通"
    a = make_item("10801", ["文書組"], due_date=dt.date(2022, 3, 31), subject=subject)
    make_item("10802", ["國際事務組", "公管中心", "總務組"], status="continued", subject="短")
    make_item("9903", status="continued", subject="")
    ProgressReport.objects.create(
        item=a, unit=units["文書組"], text=LONG_PROGRESS, suggestion="close", author=chief_wenshu
    )


def _download(client, fmt):
    response = client.get(reverse("tracking:item-export", args=[fmt]))
    assert response.status_code == 200
    return response.getvalue()


@pytest.mark.parametrize(
    ("value", "width"),
    [
        ("", 0), ("10801", 5), ("列管", 4), ("賡續列管", 8), ("111 年 3 月 31 日", 17), ("Line 群組", 9),
        ("第一行\n第二行長", 8), ("（）：、", 8), (None, 0), (12, 2),
    ],
)
def test_display_width_counts_chinese_and_full_width_characters_twice(value, width):
    assert exports.display_width(value) == width


def test_xlsx_columns_are_at_least_as_wide_as_their_widest_value_within_the_limits(client_member, listed):
    sheet = openpyxl.load_workbook(io.BytesIO(_download(client_member, "xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][5] == "狀態"
    for index in range(len(rows[0])):
        widest = max(exports.display_width(row[index]) for row in rows)
        width = sheet.column_dimensions[openpyxl.utils.get_column_letter(index + 1)].width
        assert width >= min(widest, exports.MAX_WIDTH - exports.PADDING), rows[0][index]
        assert exports.MIN_WIDTH <= width <= exports.MAX_WIDTH


def test_xlsx_widths_of_the_columns_the_newcomer_measured(client_member, listed):
    sheet = openpyxl.load_workbook(io.BytesIO(_download(client_member, "xlsx"))).active
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["列管案號"] == 10  # the header, 8, is wider than 10801
    assert widths["狀態"] == 10  # 賡續列管
    assert widths["列管建議"] == 14  # 建議解除列管
    assert widths["主辦單位"] == 2 * len("國際事務組、公管中心、總務組") + 2
    assert widths["最新辦理情形"] == exports.MAX_WIDTH


def test_xlsx_long_text_wraps_in_its_cell_and_the_header_stays_in_view(client_member, listed):
    sheet = openpyxl.load_workbook(io.BytesIO(_download(client_member, "xlsx"))).active
    progress = next(row[7] for row in sheet.iter_rows(min_row=2) if row[7].value)
    assert progress.value.endswith(LONG_PROGRESS)
    assert progress.alignment.wrap_text
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


ODF = {
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


def _ods_column_widths_cm(content: bytes) -> list[float]:
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("content.xml"))
    attr = "{%s}%s"
    widths = {
        node.get(attr % (ODF["style"], "name")): node.find("style:table-column-properties", ODF).get(
            attr % (ODF["style"], "column-width")
        )
        for node in root.iterfind(".//style:style[@style:family='table-column']", ODF)
    }
    columns = root.iterfind(".//table:table-column", ODF)
    used = [node.get(attr % (ODF["table"], "style-name")) for node in columns]
    return [float(widths[name].removesuffix("cm")) for name in used]


def test_ods_columns_have_the_same_widths_as_the_xlsx_ones(client_member, listed):
    sheet = openpyxl.load_workbook(io.BytesIO(_download(client_member, "xlsx"))).active
    xlsx = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    ods = _ods_column_widths_cm(_download(client_member, "ods"))
    assert len(ods) == len(exports.HEADERS)
    # 7 px per character plus 5 at 96 dpi, as Excel sizes a column.
    assert ods == [pytest.approx((w * 7 + 5) / 96 * 2.54, abs=0.001) for w in xlsx]


def test_the_download_header_names_the_file_in_chinese_with_an_ascii_fallback():
    header = exports.content_disposition("xlsx", dt.date(2026, 11, 28))
    assert header.isascii()
    message = Message()
    message["Content-Disposition"] = header
    assert message.get_content_disposition() == "attachment"
    assert message.get_param("filename", header="Content-Disposition") == "tracked-items-20261128.xlsx"
    star = re.search(r"filename\*=UTF-8''(\S+)$", header).group(1)
    assert unquote(star) == "列管案件-20261128.xlsx"
