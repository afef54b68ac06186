"""A supplementary report keeps the word the record used for it: 補充報告 or 補充說明."""

import pytest

from minutes.reader import parse_minutes
from tests.records import SEED


@pytest.mark.parametrize("label", ["補充報告", "補充說明"])
def test_report_keeps_its_label(label: str) -> None:
    text = SEED.replace("文書組高組長補充報告：", f"文書組高組長{label}：")
    report = parse_minutes(text).sections[1].items[2].reports[0]
    assert (report.heading, report.unit, report.label) == ("文書組高組長", "文書組", label)


def test_a_spread_label_is_read_without_its_spaces() -> None:
    text = SEED.replace("文書組高組長補充報告：", "文書組高組長補 充 說 明：")
    assert parse_minutes(text).sections[1].items[2].reports[0].label == "補充說明"
