"""Encodings: detected and reported, never replaced; binary, empty and undecodable input are errors."""

from __future__ import annotations

import codecs

import pytest
from conftest import FIXTURES, parse_bytes

from summary_lint.errors import EmptyInputError, InputError

TEXT = (FIXTURES / "digest-labelled.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
    (TEXT.encode("cp949"), "cp949"),
    (TEXT.encode("euc-kr"), "cp949"),  # CP949 is a superset of EUC-KR
], ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "cp949", "euc-kr"])
def test_every_supported_encoding_gives_the_same_digest(data, encoding):
    digest = parse_bytes(data)
    assert digest.encoding == encoding
    reference = parse_bytes(TEXT.encode("utf-8"))
    assert digest.model_dump(exclude={"encoding"}) == reference.model_dump(exclude={"encoding"})
    assert digest.papers[0].sections[0].text.startswith("텍스트 게임")


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty input"),
    (b" \n\t\n", "empty input"),
    (bytes(range(256)), "binary input (NUL byte at offset 0)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary input (NUL byte"),
    (TEXT.encode("utf-16-le"), "binary input (NUL byte"),  # UTF-16 without a byte-order mark
    (b"\x01\x02\x03\x04 text \x05\x06", "binary input (6 control bytes"),
    (TEXT.encode("utf-8") + b"\xff\xfe trailing", "cannot decode as utf-8: byte 0xff at offset"),
    (codecs.BOM_UTF8 + b"abc \xc3", "cannot decode as utf-8-sig: truncated at end of input"),
    (codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"x", "cannot decode as utf-16: truncated"),
])
def test_bad_bytes_are_one_line_input_errors(data, message):
    with pytest.raises(InputError) as info:
        parse_bytes(data, "bad.md")
    text = str(info.value)
    assert text.startswith("bad.md: ") and message in text and "\n" not in text


@pytest.mark.parametrize("damage", [b"\x00", b"\x08", b"\x1b[0m", b"\x00\x00\x7f"])
def test_a_few_control_bytes_are_damaged_text_not_binary(damage):
    data = TEXT.encode("utf-8").replace("텍스트 게임".encode(), "텍스트".encode() + damage + " 게임".encode(), 1)
    digest = parse_bytes(data)
    assert digest.encoding == "utf-8"
    assert digest.papers[0].sections[0].text.startswith("텍스트" + damage.decode() + " 게임")


def test_empty_input_has_its_own_error_type():
    with pytest.raises(EmptyInputError):
        parse_bytes(b"\n\n")


def test_undecodable_bytes_after_the_first_chunk_are_still_found():
    data = TEXT.encode("utf-8") * 200 + b"\xff" + TEXT.encode("utf-8")
    with pytest.raises(InputError, match=rf"byte 0xff at offset {len(TEXT.encode('utf-8')) * 200}"):
        parse_bytes(data)


def test_latin1_is_not_silently_replaced():
    with pytest.raises(InputError, match="cannot decode"):
        parse_bytes("### [Café](https://arxiv.org/abs/2401.00001)\n- résumé à la carte\n".encode("latin-1"))
