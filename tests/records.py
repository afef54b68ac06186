"""Meeting records from other offices and other text converters, shared by the parser, import and PDF tests.

Each record is written the way its office and its converter would leave it: a county bureau's minutes
through pdftotext (lines cut at the page width, page numbers, the title repeated on every page), a district
office's Word "save as text" (BOM, CRLF, tabs, full-width digits, Arabic item numbers), a university's
minutes copied from its web page (no-break spaces, trailing spaces), a ministry's 部務會報 with old Mac line
ends, offices that number their agenda 一、 or their items (一), and a fire bureau whose record has
列席 and 請假, a section with both a paragraph and items, reports without a unit, a point with 1. 2., and
the signature line and 附件 after 散會.
"""

import re
from pathlib import Path

SEED = (Path(__file__).resolve().parents[1] / "minutes" / "fixtures" / "minutes-108.txt").read_text(
    encoding="utf-8"
)

# -- a county bureau's 局務會議, through pdftotext -----------------------------------------------------------

COUNTY = (
    "苗栗縣政府文化觀光局第 52 次局務會議紀錄\n"
    "時間：中華民國 113 年 4 月 8 日（星期一）上午 9 時 30 分\n"
    "地點：本局 3 樓簡報室\n"
    "主席：林局長文彬                    紀錄：陳怡君\n"
    "出席人員：秘書室張主任秀英、文化資產科黃科長志明、藝文推廣\n"
    "科吳科長佩玲、觀光行銷科劉科長建宏、圖書資訊科許科長美華、\n"
    "會計室周主任、人事室鄭主任\n"
    "請假人員：觀光發展科王科長（公假）\n"
    "壹、宣讀上次會議紀錄\n"
    "決定：確定。\n"
    "貳、上次會議決定事項執行情形\n"
    "一、第 51 次局務會議列管案件共 4 件，擬解除列管 3 件，繼續\n"
    "列管 1 件（列管案號 5103），報請鑒察。\n"
    "決定：列管案號 5101、5102 及 5104 解除列管；列管案\n"
    "號 5103 繼續列管，請文化資產科於下次會議前提報辦理進度。\n"
    "參、業務報告\n"
    "一、文化資產科報告：苑裡山腳社區藺草文化館修復工程\n"
    "於 3 月 29 日完成驗收，預定 5 月 1 日重新開放。\n"
    "決定：洽悉；請文化資產科於開放前完成消防安全檢查及無障礙設\n"
    "施改善，並邀請在地社區參與開館活動。\n"
    "二、觀光行銷科報告：2024 苗栗客家桐花祭系列活動\n"
    "自 4 月 20 日起至 5 月 12 日止，共辦理 12 場次。\n"
    "決定：\n"
    "一、洽悉。\n"
    "二、請觀光行銷科與各鄉鎮市公所加強交通疏導及接駁車宣導，並\n"
    "                                                  第 1 頁，共 2 頁\n"
    "\f苗栗縣政府文化觀光局第 52 次局務會議紀錄\n"
    "於活動結束後一個月內提出成果報告。\n"
    "肆、提案討論\n"
    "案由一：修正「苗栗縣政府文化觀光局場地使用管理要點」部分條\n"
    "文案，提請討論。\n"
    "說明：\n"
    "一、為因應場地使用需求增加，擬修正收費基準及申請程序，以符\n"
    "使用者付費原則。\n"
    "二、修正條文對照表如附件。\n"
    "決議：照案通過，並自 113 年 5 月 1 日起施行。\n"
    "案由二：本局 114 年度施政計畫草案，提請討論。\n"
    "說明：請各科室於 4 月 30 日前檢視所屬計畫內容並回復秘書室\n"
    "彙整。\n"
    "決議：修正通過。\n"
    "伍、臨時動議：無。\n"
    "陸、散會：上午 11 時 20 分。\n"
    "                                                  第 2 頁，共 2 頁\n"
    "\f"
)

# -- a district office's 區務會議, Word "save as text" -------------------------------------------------------

DISTRICT = "\ufeff" + (
    "臺中市北屯區公所第１２３次區務會議紀錄\n"
    "\n"
    "時　　間：１１３年５月１４日（星期二）上午９時\n"
    "地　　點：本所４樓禮堂\n"
    "主　　席：張區長國華\t\t紀　　錄：林淑芬\n"
    "出（列）席人員：如簽到表\n"
    "\n"
    "壹、\t主席報告\n"
    "\u3000\u3000一、\t本所辦理「113年度母親節表揚活動」圓滿成功，感謝各課室同仁協助。\n"
    "\u3000\u3000二、\t請各課室加強防汛整備，汛期期間落實輪值。\n"
    "貳、\t業務報告\n"
    "１、\t民政課報告：本區５月份新增設籍人口 312 人。\t\n"
    "主席裁示：\n"
    "洽悉。\n"
    "２、\t社會課報告：中低收入戶年度總清查作業已於５月10日完成。\n"
    "主席裁示：\n"
    "（一）\t洽悉。\n"
    "（二）\t請社會課將清查結果函送各里辦公處。\n"
    "３、\t經建課報告\n"
    "說明：\n"
    "1.\t轄內道路路面改善工程已完成80%。\n"
    "2.\t側溝清淤作業預定6月15日前完成。\n"
    "主席指示：請經建課於梅雨季前完成側溝清淤。\n"
    "參、\t臨時動議\n"
    "提案一：建請增設大坑地區里民活動中心停車格案。\n"
    "說明：大坑地區假日遊客眾多，停車需求殷切。\n"
    "決議：請經建課會同交通局現場勘查後研議。\n"
    "肆、\t散會（上午11時30分）\n"
).replace("\n", "\r\n")

# -- a university's 行政會議, copied from its web page ----------------------------------------------------

UNIVERSITY = (
    "國立中興大學113學年度第3次行政會議紀錄\xa0\n"
    "時間：113年10月9日（星期三）上午10時\xa0\n"
    "地點：行政大樓第一會議室 \n"
    "主席：詹校長富智\xa0\xa0\xa0\xa0紀錄：王專員心怡\n"
    "出席：各一級單位主管（詳簽到單）\n"
    "列席：學生會會長\n"
    "\xa0\n"
    "壹、主席報告\n"
    "本校 113 學年度新生註冊率達 98.6%，感謝各單位辛勞。\xa0\n"
    "貳、確認上次會議紀錄\n"
    "決定：確認。\n"
    "參、報告事項\n"
    "報告案一：教務處報告 113 學年度第 1 學期課程開設情形。\n"
    "說明：本學期共開設 3,215 門課程，較上學期增加 2%。\n"
    "決定：洽悉。\n"
    "報告案二：總務處報告校園節能措施執行成果。\n"
    "結論：\n"
    "請各單位持續落實冷氣溫度設定 26 度以上。\n"
    "肆、討論事項\n"
    "提案一：「國立中興大學校務基金管理委員會設置辦法」第 4 條修正草案，提請討論。\n"
    "提案單位：主計室\n"
    "說明：\n"
    "一、依教育部 113 年 8 月 1 日函辦理。\n"
    "二、修正條文對照表如附件 1。\n"
    "決議：\n"
    "一、照案通過。\n"
    "二、提請校務會議審議。\n"
    "提案二：本校 114 年度預算分配原則，提請討論。\n"
    "提案單位：主計室\n"
    "決議：修正後通過，請主計室依討論意見修正後簽陳校長核定。\n"
    "伍、臨時動議\n"
    "無。\n"
    "陸、散會：12時\n"
)

# -- a ministry's 部務會報, old Mac line ends --------------------------------------------------------------

MINISTRY = (
    "勞動部第 168 次部務會報紀錄\n"
    "日期：113 年 6 月 3 日（星期一）\n"
    "時間：下午 2 時 30 分\n"
    "地點：本部 15 樓大禮堂\n"
    "主席：何部長佩珊\n"
    "紀錄：綜合規劃司陳科長\n"
    "出席：陳政務次長、李政務次長、王常務次長、各司處署主管\n"
    "壹、確認上次會報紀錄\n"
    "決定：紀錄確定。\n"
    "貳、報告事項\n"
    "一、綜合規劃司報告：第 167 次部務會報主席指示事項辦理情形。\n"
    "決定：\n"
    "一、列管案號 16701、16702 解除列管；16703 繼續列管。\n"
    "二、請各單位依限辦理。\n"
    "二、勞動力發展署報告：113 年上半年就業服務成果。\n"
    "主席指示：\n"
    "一、肯定勞動力發展署推動青年就業的成果。\n"
    "二、請加強中高齡者及婦女再就業協助。\n"
    "三、勞動條件及就業平等司報告：最低工資審議會籌備情形。\n"
    "主席指示：\n"
    "請於 8 月底前完成最低工資審議相關資料準備。\n"
    "參、討論事項\n"
    "第一案\n"
    "案由：「勞動部處務規程」部分條文修正草案，提請討論。\n"
    "說明：配合組織調整，修正第 5 條及第 12 條。\n"
    "決議：照案通過。\n"
    "第二案\n"
    "案由：本部 114 年度概算編列原則，提請討論。\n"
    "決議：\n"
    "一、照案通過。\n"
    "二、請會計處彙整後陳報行政院。\n"
    "肆、臨時動議：無\n"
    "散會\n"
).replace("\n", "\r")

# -- a district office that numbers its agenda 一、二、 and its items (一)(二) ------------------------------

SHIFTED = (
    "高雄市鳳山區公所第 45 次區務會議紀錄\n"
    "時間：113 年 7 月 2 日（星期二）上午 9 時\n"
    "地點：本所 5 樓會議室\n"
    "主席：陳區長志強　　紀錄：黃淑華\n"
    "出席：各課室主管\n"
    "一、主席致詞：（略）\n"
    "二、上次會議決議事項執行情形：\n"
    "決定：洽悉，列管案號 4401 解除列管。\n"
    "三、業務報告\n"
    "（一）民政課報告：本區 6 月份戶籍人口數為 358,102 人。\n"
    "決定：洽悉。\n"
    "（二）社會課報告：\n"
    "說明：\n"
    "1. 本區 113 年度重陽敬老禮金發放作業，預定 9 月辦理。\n"
    "2. 請各里幹事協助通知。\n"
    "決定：\n"
    "(一) 洽悉。\n"
    "(二) 請社會課提早規劃發放動線。\n"
    "（三）人文課報告：鳳山國際龍舟賽於 6 月 10 日圓滿落幕。\n"
    "主席裁示：請人文課辦理檢討會議。\n"
    "四、臨時動議：無。\n"
    "五、散會：上午 10 時 30 分。\n"
)

# -- a city bureau that numbers the items under 壹、 with (一)(二) ----------------------------------------

PAREN_ITEMS = (
    "新竹市政府工務處第 30 次處務會議紀錄\n"
    "時間：113 年 9 月 10 日上午 9 時\n"
    "壹、業務報告\n"
    "（一）養護工程科報告：本市道路平坦度改善計畫執行進度 62%。\n"
    "決定：洽悉。\n"
    "（二）建築管理科報告：\n"
    "說明：本月核發建造執照 45 件。\n"
    "決定：\n"
    "（一）洽悉。\n"
    "（二）請加速審查流程。\n"
    "（三）公園路燈科報告：中秋節前完成路燈檢修。\n"
    "主席裁示：\n"
    "（一）洽悉。\n"
    "（二）請公園路燈科注意施工安全。\n"
    "（三）請於 9 月 15 日前提報成果。\n"
    "貳、臨時動議：無。\n"
    "散會：上午 10 時\n"
)

# -- a fire bureau: 列席 and 請假, a section with a paragraph and items, reports without a unit ------------

FIRE = (
    "新北市政府消防局第 88 次局務會議紀錄\n"
    "時間：113 年 3 月 11 日（星期一）上午 9 時\n"
    "地點：本局 6 樓第一會議室\n"
    "主席：黃局長德清\n"
    "紀錄：吳佩蓉\n"
    "出席：各科室主管\n"
    "列席：各大隊大隊長、救災救護指揮中心主任\n"
    "請假：災害預防科李科長（公假）、秘書室張主任\n"
    "壹、確認上次會議紀錄\n"
    "決定：紀錄確定。\n"
    "貳、主席致詞\n"
    "本季火災案件較去年同期減少 12%，感謝各單位辛勞。\n"
    "請各單位持續落實防火宣導，並注意同仁執勤安全。\n"
    "參、業務報告\n"
    "各單位業務報告均已書面分送，以下摘要報告。\n"
    "一、災害搶救科報告：113 年第 1 季救災救護統計。\n"
    "說明：本季出勤 15,432 次，其中救護 13,210 次、火災 1,022 次、其他 1,200 次。\n"
    "林副局長補充說明：\n"
    "請各大隊檢討救護車調度，縮短到達現場時間。\n"
    "人事室補充報告：\n"
    "(一) 本年度晉升考試報名至 3 月 31 日止。\n"
    "(二) 請各單位轉知同仁依限報名，逾期不予受理。\n"
    "決定：\n"
    "(一) 洽悉。\n"
    "(二) 請災害搶救科於下次會議提出救護車調度改善方案。\n"
    "二、火災調查科報告：本局與內政部消防署合作辦理火災原因調查人員專業訓練，於 113 年 2 月 26 日至 3 月 8 日"
    "在本局訓練中心舉行，共 48 名同仁參訓並全數通過測驗。\n"
    "三、秘書室報告：辦公廳舍節能改善。\n"
    "秘書室王主任補充報告：\n"
    "(一) 本局辦公廳舍照明已全面汰換為 LED 燈具（T5 & T8），用電量<去年同期 15%。\n"
    "(二) 請各單位下班前關閉電源：\n"
    "1. 冷氣及電腦。\n"
    "2. 影印機及飲水機。\n"
    "決定：洽悉。\n"
    "肆、討論事項\n"
    "案由一：修正「新北市政府消防局志工管理要點」，提請討論。\n"
    "說明：配合衛生福利部志願服務法修正，修正第 3 點及第 7 點。\n"
    "決議：照案通過。\n"
    "伍、臨時動議：無。\n"
    "散會：上午 11 時 15 分\n"
    "主席：黃局長德清　　　　紀錄：吳佩蓉\n"
    "附件：\n"
    "一、簽到表\n"
    "二、113 年第 1 季救災救護統計表\n"
)

# -- an environment bureau that numbers its proposals on from the reports, one of them withdrawn ------------

NUMBERED_ON = (
    "桃園市政府環境保護局第 201 次局務會議紀錄\n"
    "時間：113 年 8 月 5 日上午 9 時 30 分\n"
    "地點：本局 5 樓會議室\n"
    "主席：李局長\n"
    "紀錄：陳專員\n"
    "出席：各科室主管\n"
    "壹、報告事項\n"
    "一、綜合計畫科報告：本局 113 年上半年預算執行率 48%。\n"
    "決定：洽悉。\n"
    "二、空氣品質保護科報告：秋冬空品不良季節應變措施。\n"
    "決定：請加強工地揚塵稽查。\n"
    "貳、討論事項\n"
    "三、修正本局「環境教育志工獎勵要點」案，提請討論。\n"
    "決議：照案通過。\n"
    "五、本局 114 年度概算案，提請討論。\n"
    "決議：修正通過。\n"
    "參、臨時動議：無。\n"
    "散會：上午 10 時 40 分\n"
)


# -- crowded: sentences full of what reads like headings when a printed line starts with it -----------------
# {PAD} shifts the text so that, across paddings, every position of the sentence meets the end of a line.

CROWDED = (
    "測試市政府某局第 9 次局務會議紀錄\n"
    "時間：113 年 1 月 2 日上午 9 時\n"
    "地點：本局會議室\n"
    "主席：王局長\n"
    "紀錄：李小姐\n"
    "出席：各科室主管\n"
    "壹、業務報告\n"
    "一、{PAD}秘書室報告：本局 113 年度工作計畫，決議：依各科室所提修正後實施（一）人力配置及（二）經費分配。\n"
    "秘書室陳主任補充報告：\n"
    "(一) {PAD}請各科室依本局規定辦理（二）所列事項，並於 1 月底前完成。1. 另請注意期限。\n"
    "(二) {PAD}請各科室配合辦理，決定：如有疑義洽秘書室。\n"
    "決定：\n"
    "(一) {PAD}洽悉，請依 1. 及 2. 辦理，並於下次會議報告辦理情形與散會後續事項安排。\n"
    "(二) 請秘書室彙整。\n"
    "二、{PAD}人事室報告：說明：本月新進人員 3 人，一、請各科室協助新進人員熟悉業務流程及相關規定。\n"
    "決定：洽悉。\n"
    "散會：上午 10 時\n"
)


def crowded(pad: int) -> str:
    return CROWDED.replace("{PAD}", ("甲乙丙丁戊己庚辛壬癸" * 5)[:pad])


_FILLER = "甲乙丙丁戊己庚辛壬癸" * 5
# The start of every numbered or labelled paragraph: (一), 三、, 1., 決議：, 說明：, 案由一：…
_PARAGRAPH_START_RE = re.compile(
    r"(?m)^([ \t]*-?[ \t]*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|[0-9０-９]+[、.]"
    r"|(?:決定|決議|結論|會議結論|主席裁示|主席指示|說明|案由[一二三]?|提案[一二三]|報告案[一二三])：)[ \t\u3000]*)(?=\S)"
)


def padded(text: str, pad: int) -> str:
    """The record with `pad` filler characters after every paragraph's number or label.

    Moves every line end of the printed record, so that titles and points meet the page width elsewhere.
    The header is left alone: 一、開會時間： numbered like a list is a field, not a paragraph.
    """
    first_section = re.search(r"(?m)^[ \t\u3000]*壹[ \t\u3000]*、", text)
    start = first_section.start() if first_section else 0

    def pad_paragraph(match: re.Match[str]) -> str:
        if _HEADER_FIELD_RE.match(match.string, match.end()):
            return match.group(0)  # 一、時間：… in a record that numbers its header like its agenda
        return match.group(1) + _FILLER[:pad]

    return text[:start] + _PARAGRAPH_START_RE.sub(pad_paragraph, text[start:])


_HEADER_FIELD_RE = re.compile(
    r"(?:開會|會議)?(?:時\s*間|日\s*期|地\s*點|主\s*席|主持人|[紀記]\s*錄(?:人員)?|出\s*席(?:人員)?|列\s*席|請\s*假)\s*[：:]"
)


# -- a district office's 區務會議 that gives each tracked case an item of its own and decides it briefly ---

CASE_ITEMS = (
    "臺北市大安區公所第 52 次區務會議紀錄\n"
    "時間：中華民國 113 年 4 月 8 日（星期一）上午 9 時 30 分\n"
    "地點：本所 10 樓會議室\n"
    "主席：林區長美玲\n"
    "紀錄：陳科員怡君\n"
    "出席：各課室主管\n"
    "壹、主席致詞：（略）\n"
    "貳、上次會議決議事項執行情形\n"
    "一、列管案號 5101：請民政課於 4 月底前完成里鄰編組調整評估。（民政課）\n"
    "辦理情形：已完成評估報告，簽陳核定中。\n"
    "決定：本案解除列管。\n"
    "二、列管案號 5102：請社會課研議擴大獨居長者關懷訪視。（社會課）\n"
    "辦理情形：已擬訂訪視計畫，預計 5 月起試辦。\n"
    "決定：繼續追蹤。\n"
    "三、列管案號 4907：請經建課協調騎樓整平工程。（經建課）\n"
    "辦理情形：已完成第一階段 12 處騎樓整平。\n"
    "決定：同意備查，有關列管案號 4907 之後續工程，請經建課於下次會議補充報告。\n"
    "參、業務報告\n"
    "一、民政課報告：本月受理戶籍登記 1,204 件。\n"
    "決定：洽悉。\n"
    "肆、臨時動議\n"
    "無。\n"
    "伍、散會：上午 10 時 40 分\n"
)

# -- a junior high school's 行政會議 pasted from Word: proposals with their parts, points under 說明 and 辦法 ----

SCHOOL_PROPOSALS = (
    "臺中市立大甲國民中學113學年度第5次行政會議紀錄\n"
    "時間：113年3月5日（星期二）下午2時30分\n"
    "地點：本校行政大樓2樓會議室\n"
    "主持人：林校長志明\n"
    "記錄：王小明\n"
    "出席人員：各處室主任、組長\n"
    "壹、主席報告\n"
    "本學期各項活動順利推動，感謝各處室同仁辛勞。\n"
    "貳、討論事項\n"
    "提案一\n"
    "提案單位：教務處\n"
    "案由：修訂本校學生成績評量補充規定，提請討論。\n"
    "說明：依據教育部國民中學學生成績評量準則辦理，修正重點如下\n"
    "一、定期評量次數由每學期三次改為二次。\n"
    "二、平時成績比例調整為百分之六十。\n"
    "三、修正條文對照表如附件一。\n"
    "辦法：\n"
    "一、經本會議通過後，提送校務會議審議。\n"
    "二、自113學年度第2學期起實施。\n"
    "決議：照案通過。\n"
    "提案二\n"
    "提案單位：學務處\n"
    "案由：本校114年度畢業旅行實施計畫，提請討論。\n"
    "說明：一、依本校校外教學實施要點辦理。\n"
    "二、預計於114年4月辦理三天兩夜行程。\n"
    "辦法：請各班導師於3月底前調查參加意願。\n"
    "決議：修正通過，行程改為兩天一夜。\n"
    "提案三\n"
    "提案單位：總務處\n"
    "案由：活動中心屋頂整修工程追加預算案，提請討論。\n"
    "說明：\n"
    "1. 原預算新臺幣120萬元，因鋼材漲價不敷使用。\n"
    "2. 擬追加新臺幣15萬元。\n"
    "決議：保留，請總務處再洽廠商議價後提下次會議討論。\n"
    "參、臨時動議\n"
    "案由一：建請增設校門口機車停車格案。\n"
    "提案人：張組長\n"
    "連署人：李組長、陳組長\n"
    "說明：上下學時段家長接送車輛多，機車常停放於人行道。\n"
    "決議：另案處理，請總務處會同交通隊現場會勘。\n"
    "肆、散會：下午4時10分。\n"
)

# -- a hospital's minutes forwarded by e-mail: the message's headers, a greeting and a letter around them -----

HOSPITAL_EMAIL = (
    "寄件者: 秘書室 王怡君 <yichun@hosp.example.gov.tw>\n"
    "寄件日期: 2024年3月8日 上午 10:12\n"
    "收件者: 各科室主管\n"
    "副本: 院長室\n"
    "主旨: FW: 檢送本院113年第3次院務會議紀錄\n"
    "\n"
    "---------- Forwarded message ---------\n"
    "各位同仁好：\n"
    "檢送本院113年第3次院務會議紀錄乙份，敬請查照。\n"
    "秘書室 王怡君 敬上\n"
    "\n"
    "臺北市立聯合醫院113年第3次院務會議紀錄\n"
    "時間：113年3月6日（星期三）上午8時\n"
    "地點：本院行政大樓10樓第一會議室\n"
    "主席：黃院長\n"
    "紀錄：王怡君\n"
    "出席人員：各院區院長、各科室主任\n"
    "壹、主席致詞\n"
    "請各院區加強流感疫苗接種宣導。\n"
    "貳、業務報告\n"
    "一、醫務部報告：2月份門診人次較去年同期增加5%。\n"
    "決定：洽悉。\n"
    "二、護理部報告：護理人力招募情形。\n"
    "決定：請人事室協助辦理專案招募。\n"
    "參、臨時動議：無。\n"
    "肆、散會：上午9時30分。\n"
    "\n"
    "謝謝！\n"
    "Sent from my iPhone\n"
)

# -- a city bureau's minutes copied from its web page: navigation, path and the page's dates around them ----

BUREAU_WEB = (
    "跳到主要內容區塊\n"
    ":::\n"
    "首頁 | 網站導覽 | English | RSS\n"
    "目前位置：首頁 > 資訊公開 > 會議紀錄\n"
    "發布日期：113-05-02\n"
    "臺南市政府交通局第 27 次局務會議紀錄\n"
    "時間：113年4月29日（星期一）下午2時\n"
    "地點：本局第一會議室\n"
    "主席：王局長\n"
    "紀錄：陳科員\n"
    "出席：各科室主管\n"
    "壹、業務報告\n"
    "一、運輸管理科報告：公車路網調整規劃。\n"
    "決定：請於 5 月底前召開公聽會。\n"
    "二、停車管理科報告：路邊停車收費調整。\n"
    "決定：洽悉。\n"
    "貳、臨時動議：無。\n"
    "散會：下午3時20分\n"
    "回上一頁\n"
    "友善列印\n"
    "上一則 | 下一則\n"
    "更新日期：113-05-02\n"
    "瀏覽人次：356\n"
)

# -- a library's scan through OCR: the title and the labels letter-spaced, half-width punctuation ----------

LIBRARY_OCR = (
    "臺 中 市 立 圖 書 館 第 1 2 次 館 務 會 議 紀 錄\n"
    "時 間: 113年6月3日上午9時30分\n"
    "地 點: 本館5樓研討室\n"
    "主 持 人: 李館長\n"
    "記 錄: 張專員\n"
    "出 席 人 員: 各組主任\n"
    "壹、報 告 事 項\n"
    "一、閱覽典藏組報告:暑期閱讀活動規劃。\n"
    "決 定: 洽悉。\n"
    "二、數位資訊組報告:自助借書機汰換。\n"
    "決 定: 請於8月底前完成驗收。\n"
    "貳、臨 時 動 議: 無。\n"
    "散 會: 上午10時40分\n"
)

# -- tables of tracked cases, in the three ways they reach text (the PDF prints a row to a paragraph, read back
# as a table printed as text) -----------------------------------------------------------------------------

_TABLE_HEAD = (
    "臺北市大安區公所第 108 次區務會議紀錄\n"
    "時間：113 年 4 月 8 日（星期一）上午 9 時 30 分\n"
    "地點：本所 10 樓會議室\n"
    "主席：林區長美玲\n"
    "紀錄：陳科員怡君\n"
    "壹、上次會議決議事項執行情形\n"
    "一、第 107 次區務會議列管事項辦理情形報告。\n"
)
_TABLE_TAIL = (
    "決定：同意依上表決定辦理。\n"
    "貳、業務報告\n"
    "一、民政課報告：本月受理戶籍登記 1,204 件。\n"
    "決定：洽悉。\n"
    "參、臨時動議：無。\n"
    "肆、散會：上午 10 時 40 分\n"
)

# Word "save as text": cells separated by tabs, a cell with a line break in it, other offices' headings.
TABLE_WORD = _TABLE_HEAD + (
    "編號\t事由\t承辦單位\t執行情形\t建議\t主席裁示\n"
    "10701\t請民政課於4月底前完成轄內里鄰編組調整評估。\t民政課\t已完成評估報告，\n"
    "並於4月22日簽陳核定。\t建議解除列管\t解除列管\n"
    "10702\t請社會課研議擴大獨居長者關懷訪視範圍。\t社會課、衛生所\t已擬訂訪視計畫，預計5月起於3個里試辦。\t建議繼續列管\t繼續列管\n"
    "10604\t請經建課協調轄內騎樓整平工程。\t經建課\t第一階段12處已完工，第二階段刻正辦理發包作業。\t建議繼續列管\t同意結案\n"
) + _TABLE_TAIL

# pdftotext -layout: columns aligned with spaces, headings centred, cells wrapped, and after the page break the
# page number, the running title and the header row again.
TABLE_LAYOUT = " " * 23 + _TABLE_HEAD + (
    "    案號                案由               主辦單位            辦理情形             列管建議      決定\n"
    "  10701     請民政課於4月底前完成轄內里   民政課      已完成評估報告，並於4月22   建議解除列管  解除列管\n"
    "            鄰編組調整評估。                          日簽陳核定。\n"
    "\n"
    "  10702     請社會課研議擴大獨居長者關懷  社會課、衛  已擬訂訪視計畫，預計5月起   建議繼續列管  繼續列管\n"
    "            訪視範圍。                    生所        於3個里試辦。\n"
    "\n"
    "                                     第 1 頁，共 2 頁\n"
    "\f                       臺北市大安區公所第 108 次區務會議紀錄\n"
    "    案號                案由               主辦單位            辦理情形             列管建議      決定\n"
    "  10604     請經建課協調轄內騎樓整平工程  經建課      第一階段12處已完工，第二階  建議繼續列管  同意結案\n"
    "            。                                        段刻正辦理發包作業。\n"
    "\n"
) + _TABLE_TAIL

# A web page, or a Word table copied from a browser: one cell per line, an empty cell dropped.
TABLE_WEB = _TABLE_HEAD + (
    "列管編號\n案由\n主辦單位\n辦理情形\n列管建議\n決定\n"
    "10701\n請民政課於4月底前完成轄內里鄰編組調整評估。\n民政課\n已完成評估報告，並於4月22日簽陳核定。\n建議解除列管\n解除列管\n"
    "10702\n請社會課研議擴大獨居長者關懷訪視範圍。\n社會課、衛生所\n已擬訂訪視計畫，預計5月起於3個里試辦。\n繼續列管\n"
    "10604\n請經建課協調轄內騎樓整平工程。\n經建課\n第一階段12處已完工，第二階段刻正辦理發包作業。\n建議繼續列管\n同意結案\n"
) + _TABLE_TAIL
TABLE_RECORDS = {"word": TABLE_WORD, "layout": TABLE_LAYOUT, "web": TABLE_WEB}

# Every record, by a short name for test ids.
RECORDS = {
    "seed": SEED,
    "county": COUNTY,
    "district": DISTRICT,
    "university": UNIVERSITY,
    "ministry": MINISTRY,
    "shifted": SHIFTED,
    "paren_items": PAREN_ITEMS,
    "fire": FIRE,
    "numbered_on": NUMBERED_ON,
    "case_items": CASE_ITEMS,
    "school_proposals": SCHOOL_PROPOSALS,
    "hospital_email": HOSPITAL_EMAIL,
    "bureau_web": BUREAU_WEB,
    "library_ocr": LIBRARY_OCR,
    **{f"table_{name}": text for name, text in TABLE_RECORDS.items()},
}
# More records of other offices, kept as files exactly as their converters wrote them (BOM, CRLF, tabs,
# pdftotext -layout page furniture, hard wraps): fixtures/other_offices/*.txt.
_OTHER_OFFICES = Path(__file__).resolve().parent / "fixtures" / "other_offices"
RECORDS.update(
    {path.stem: path.read_bytes().decode("utf-8") for path in sorted(_OTHER_OFFICES.glob("*.txt"))}
)


def outline(parsed) -> dict:
    """Everything a parse says about the record, as plain data to compare.

    Line numbers and whether a section numeral was written or inferred say something about the text, not
    the record, so they are left out; a body's paragraphs are compared as one text, a paragraph per line.
    """

    def conclusion(c):
        return None if c is None else {"label": c.label, "points": list(c.points)}

    return {
        "organisation": parsed.organisation,
        "kind": parsed.kind,
        "number": parsed.number,
        "starts_at": parsed.starts_at,
        "place": parsed.place,
        "chair": parsed.chair,
        "recorder": parsed.recorder,
        "attendees": parsed.attendees,
        "observers": parsed.observers,
        "absentees": parsed.absentees,
        "adjourned_at": parsed.adjourned_at,
        "attachments": list(parsed.attachments),
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "body": "\n".join(s.body),
                "conclusion": conclusion(s.conclusion),
                "items": [
                    {
                        "number": i.number,
                        "title": i.title,
                        "body": "\n".join(i.body),
                        "reports": [
                            {
                                "label": r.label,
                                "heading": r.heading,
                                "unit": r.unit,
                                "surname": r.surname,
                                "title": r.title,
                                "points": list(r.points),
                            }
                            for r in i.reports
                        ],
                        "conclusion": conclusion(i.conclusion),
                    }
                    for i in s.items
                ],
            }
            for s in parsed.sections
        ],
    }
