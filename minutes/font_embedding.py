"""How the record's CJK fonts are embedded in its PDF: subset by HarfBuzz in one pass, deflated at zlib's default.

Two faces of Noto Serif CJK TC go into every record (regular for the text, bold for the headings), and with
WeasyPrint 70 as it comes their embedding is most of the time a rendering takes; measured on the seed record
(valgrind, instructions per rendering): plain WeasyPrint 1.12 G, our export in bold 1.97 G, 1.24 G with
the two changes here.

- WeasyPrint subsets each font twice: first keeping the glyph ids of the glyphs used (every other glyph up
  to the last one used left empty), then again over all of those, to drop empty glyphs at the end. A CJK
  face has 65,535 glyphs and Chinese text uses some near the end (。 and 、 are glyphs 63,027 and 63,028 of
  the TC face), so the second pass goes through some 63,000 glyphs to drop nothing that matters (one glyph
  and 16 bytes on the seed; the pages are drawn pixel for pixel the same) and takes more than half of the
  subsetting, 25 ms per face and file. It is skipped for such fonts; a font whose last used glyph is far
  from its end is subset as WeasyPrint does.
- pydyf deflates every stream at level 9, several times slower than zlib's default (6) on the font programs
  for 0.2 % fewer bytes. The font programs are deflated at the default instead.

Only renderings made inside embedding() are affected; WeasyPrint used elsewhere in the process is not.
"""

from __future__ import annotations

import threading
import zlib
from contextlib import contextmanager

# The second pass is skipped when it would drop fewer than this share of a font's glyphs.
_SECOND_PASS_WORTH = 0.10
_FONT_PROGRAM_DEFLATE_LEVEL = zlib.Z_DEFAULT_COMPRESSION
# The tables WeasyPrint drops from every subset (weasyprint/pdf/fonts.py, Font._harfbuzz_subset).
_DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")

_rendering = threading.local()
_install_lock = threading.Lock()


def subset_in_one_pass(font, to_unicode: dict, hinting: bool) -> bool:
    """Subset a WeasyPrint Font keeping its glyph ids, as WeasyPrint's first pass does, hinting dropped as its
    second pass does. False, with the font untouched, when HarfBuzz cannot subset it."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    subset_input = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    if subset_input == ffi.NULL:
        return False
    glyphs = sorted(to_unicode)
    glyph_set = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
    harfbuzz.hb_set_add_sorted_array(glyph_set, ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs), len(glyphs))
    flags = (
        harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS
        | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
        | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    )
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    harfbuzz_subset.hb_subset_input_set_flags(subset_input, flags)
    drop = harfbuzz_subset.hb_subset_input_set(subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    tags = sorted(harfbuzz.hb_tag_from_string(name, -1) for name in _DROPPED_TABLES)
    harfbuzz.hb_set_add_sorted_array(drop, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags))
    face = ffi.gc(harfbuzz_subset.hb_subset_or_fail(font.hb_face, subset_input), harfbuzz.hb_face_destroy)
    content = get_hb_object_data(face) if face != ffi.NULL else None
    if not content:
        return False
    font.file_content = content
    return True


def _install() -> None:
    """Wrap WeasyPrint's Font._harfbuzz_subset once per process; the wrapper acts only inside embedding()."""
    from weasyprint.pdf.fonts import Font

    with _install_lock:
        original = Font._harfbuzz_subset
        if getattr(original, "one_pass_for_cjk", False):
            return

        def _harfbuzz_subset(font, to_unicode, hinting):
            in_one_pass = (
                getattr(_rendering, "active", False)
                and to_unicode
                and max(to_unicode) + 1 >= font.glyph_count * (1 - _SECOND_PASS_WORTH)
            )
            if not (in_one_pass and subset_in_one_pass(font, to_unicode, hinting)):
                original(font, to_unicode, hinting)

        _harfbuzz_subset.one_pass_for_cjk = True
        Font._harfbuzz_subset = _harfbuzz_subset


def deflate_font_programs(document, pdf) -> None:
    """WeasyPrint's finisher hook: deflate the embedded font programs at zlib's default level, not pydyf's 9."""
    import pydyf

    for obj in pdf.objects:
        font_program = isinstance(obj, pydyf.Stream) and (
            obj.extra.get("Subtype") == "/OpenType" or "Length1" in obj.extra
        )
        if font_program and obj.compress and len(obj.stream) == 1 and isinstance(obj.stream[0], bytes):
            obj.stream = [zlib.compress(obj.stream[0], _FONT_PROGRAM_DEFLATE_LEVEL)]
            obj.extra["Filter"] = "/FlateDecode"
            obj.compress = False


@contextmanager
def embedding():
    """Within: this thread's WeasyPrint renderings subset CJK fonts in one pass (see the module's docstring)."""
    _install()
    _rendering.active = True
    try:
        yield deflate_font_programs
    finally:
        _rendering.active = False
