"""own_part_starts answers in one pass what reads_as_its_own_part says of every ending of a line."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.reader import own_part_starts, reads_as_its_own_part

# Pieces of the parts the parser reads on their own, and what surrounds them in real text: ideographic and
# zero-width spaces, full-width digits, a combining mark, dashes of page numbers.
PIECES = [
    "業務報告", "討論事項", "其他", "宣讀", "上次會議紀錄", "會議結論", "決議", "結 論", "主席裁示", "散會",
    "散會（12 時 0 分）", "散會：下午 4 時", "第", "頁", "共", "2", "１２", "/", "-", "—", "Page ", "of",
    "草", "稿", "。", "：", "（略）", "無", "請", "本案", "辦理", " ", "\u3000", "\u200b", "\u2060", "\t",
    "e\u0301", "\u0301", "①", "ｐ",
]  # fmt: skip


def by_every_ending(line: str, within: int) -> list[int]:
    return [i for i in range(max(len(line) - within, 0), len(line)) if reads_as_its_own_part(line[i:])]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(min_value=1, max_value=70))
def test_the_same_positions_as_asking_every_ending(pieces: list[str], within: int) -> None:
    line = "".join(pieces)
    assert own_part_starts(line, within) == by_every_ending(line, within)


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("請各科室於會前提出業務報告", "業務報告"),
        ("另外請注意第 ２ 頁", "第 ２ 頁"),
        ("請秘書室於會後提報宣讀上次會議紀錄", "宣讀上次會議紀錄"),
        ("俟議程確定後宣布散會（下午 4 時 10 分）", "散會（下午 4 時 10 分）"),
        ("本案依照主席\u3000裁示", "主席\u3000裁示"),
    ],
)
def test_the_longest_ending_that_reads_as_a_part_is_found(line: str, part: str) -> None:
    assert own_part_starts(line, 60)[0] == len(line) - len(part)


def test_a_line_that_ends_in_a_sentence_has_none() -> None:
    assert own_part_starts("請各單位依決議辦理業務報告之修正。", 60) == []
