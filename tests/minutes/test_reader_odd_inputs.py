"""Whatever text it is given, the reader answers with a parsed record or a ParseError naming a line, and the
decisions it lists with a record or a ValueError: never anything else (the import page would fail with a 500)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.reader import ParseError, parse_minutes
from minutes.reader.decisions import read_record_decisions
from tests.records import RECORDS

LINES = sorted({line for text in RECORDS.values() for line in text.replace("\r", "\n").split("\n")})
PIECES = [
    "案號\t案由\t主辦單位\t辦理情形\t列管建議\t決定", "\t\t2.\t請各課辦理。", "案號 案由 主辦單位 決定", "列管編號", "決定",
    "    案號      案由      決定", "  10701   請民政課辦理。   解除列管", "列管第8802案：", "案號：", "說明：一、",
    "辦法：", "提案一", "寄件者: 王小明", "各位同仁好：", "臺 中 市 立", "A11301", "113-01", "第1130305-1號", "\f",
]
HEAD = "某局第 9 次局務會議紀錄\n時間：113年1月2日\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES + PIECES * 5), max_size=40), st.booleans())
def test_pieces_of_records_in_any_order_give_a_record_or_a_parse_error(lines: list[str], headed: bool):
    text = (HEAD if headed else "") + "\n".join(lines)
    try:
        parsed = parse_minutes(text)
    except ParseError as error:
        assert error.line >= 1 and error.reason
        return
    try:
        read_record_decisions(parsed)
    except ValueError as error:
        assert str(error)
