"""Writes static/img/draft-watermark.svg: 草稿 as outlines of Noto Serif CJK TC, rotated as the draft's
watermark is, in the watermark's grey. Drawn as a picture, not set as text, so that no text converter reads
its characters into the record (they would fall between a table's cells and scramble its reading order).

Run once when the look of the watermark changes:  .venv/bin/python scripts/make_draft_watermark.py
"""

import math
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FAMILY = "Noto Serif CJK TC"
TEXT = "草稿"
LETTER_SPACING = 0.3  # em, as the watermark was set
ANGLE = -35  # degrees
COLOUR = "#ececec"
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "draft-watermark.svg"


def face():
    for font in TTCollection(FONT).fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    raise SystemExit(f"{FAMILY} not found in {FONT}")


def main() -> None:
    font = face()
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    em = font["head"].unitsPerEm
    ascent = font["hhea"].ascent
    pen = SVGPathPen(glyphs)
    bounds = BoundsPen(glyphs)
    x = 0.0
    for char in TEXT:
        name = cmap[ord(char)]
        # Font units have y upwards, SVG downwards: flip about the ascent line.
        for target in (pen, bounds):
            glyphs[name].draw(TransformPen(target, (1, 0, 0, -1, x, ascent)))
        x += glyphs[name].width + LETTER_SPACING * em
    x0, y0, x1, y1 = bounds.bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # The rotated text's bounding box, so that nothing of it is cut off.
    a = math.radians(ANGLE)
    w = abs((x1 - x0) * math.cos(a)) + abs((y1 - y0) * math.sin(a))
    h = abs((x1 - x0) * math.sin(a)) + abs((y1 - y0) * math.cos(a))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{cx - w / 2:.0f} {cy - h / 2:.0f} {w:.0f} {h:.0f}" '
        f'width="{w / em:.3f}em" height="{h / em:.3f}em">'
        f'<path transform="rotate({ANGLE} {cx:.0f} {cy:.0f})" fill="{COLOUR}" d="{pen.getCommands()}"/></svg>\n'
    )
    OUT.write_text(svg)
    print(f"{OUT}: {len(svg):,} bytes")


if __name__ == "__main__":
    main()
