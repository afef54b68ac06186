"""A short, readable outline of a parsed record, for --dry-run and the paste-import preview."""

from minutes.reader import ParsedMeeting, meeting_name, numerals, rocdate


def outline_lines(parsed: ParsedMeeting) -> list[str]:
    lines = [
        f"{parsed.organisation}第 {parsed.number} 次{meeting_name(parsed.kind)}紀錄",
        f"時間：{rocdate.format_roc_datetime(parsed.starts_at)}",
        f"地點：{parsed.place}　主席：{parsed.chair}　紀錄：{parsed.recorder}",
    ]
    for section in parsed.sections:
        note = "" if section.number_given else "（原文未編號）"
        lines.append(f"{numerals.to_zh_formal(section.number)}、{section.title}{note}")
        if section.conclusion:
            lines.append(f"  {section.conclusion.label}：{len(section.conclusion.points)} 點")
        for item in section.items:
            lines.append(f"  {numerals.to_zh(item.number)}、{item.title[:40]}")
            for report in item.reports:
                lines.append(f"    {report.heading}{report.label}：{len(report.points)} 點")
            if item.conclusion:
                lines.append(f"    {item.conclusion.label}：{len(item.conclusion.points)} 點")
    if parsed.adjourned_at:
        lines.append(f"散會({rocdate.format_roc_time(parsed.adjourned_at)})")
    # 附件 after 散會 are kept as a note: the recorder sees what was kept (signature lines are dropped).
    lines.extend(parsed.attachments)
    return lines
