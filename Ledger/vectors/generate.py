#!/usr/bin/env python3
"""Independent reference test vectors for the Jiazhou Points ledger.

Computes, from the standards and nothing else, the known answers that the
Swift implementation must agree with, and writes them as JSON next to this
file:

  canonical.json   RFC 8785 (JCS) canonical bytes, restricted to our value types
  merkle.json      RFC 6962 / RFC 9162 Merkle tree hashes, inclusion and
                   consistency proofs
  chain.json       an example hash-chained ledger of 8 entries
  checkpoint.json  a C2SP tlog-checkpoint in a C2SP signed note (Ed25519),
                   plus published signed-note examples and negative notes

Run:  python3 Ledger/vectors/generate.py
Needs: Python 3.9+ and the `cryptography` package (Ed25519 only).

Every published known answer this script relies on is asserted before
anything is written (RFC 6962 roots and proofs for the 8 CT test leaves,
RFC 8032 §7.1 tests 1-2, the golang.org/x/mod/sumdb/note example notes, the
RFC 8785 / cyberphone canonicalisation samples).  Output is deterministic:
running the script again rewrites byte-identical files.
"""

import base64
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_ABS_INT = 2**53  # the format allows integers n with |n| <= 2^53


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def write_json(name, obj):
    """Pretty-printed, UTF-8 (non-ASCII kept literal), insertion key order,
    trailing newline.  Dicts are built in a fixed order, so output is stable."""
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


# ---------------------------------------------------------------------------
# JSON: strict parser for our subset, and RFC 8785 serialiser
# ---------------------------------------------------------------------------


class Reject(Exception):
    """The text is not a JSON text of our value types."""


def _check_strings(v):
    """Reject lone surrogates (from \\uD800-style escapes), which are not
    Unicode scalar values and cannot be encoded as UTF-8 (RFC 8785 §3.2.2.2,
    I-JSON RFC 7493 §2.1)."""
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise Reject("string contains a lone surrogate")
    elif isinstance(v, list):
        for x in v:
            _check_strings(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            _check_strings(k)
            _check_strings(x)


def parse(text):
    """Parse a JSON text (RFC 8259) restricted to our types: objects without
    duplicate member names, arrays, strings of Unicode scalar values, integers
    with |n| <= 2^53 written without fraction or exponent, true/false/null.
    Python's json module is strict about the grammar (no trailing commas,
    single quotes, comments, leading zeros, raw control characters in strings,
    or trailing values); the hooks add the restrictions of our subset."""

    def object_pairs(pairs):
        obj = {}
        for k, v in pairs:
            if k in obj:
                raise Reject("duplicate member name %r" % k)
            obj[k] = v
        return obj

    def parse_float(s):
        raise Reject("number with fraction or exponent: %s" % s)

    def parse_int(s):
        n = int(s)
        if abs(n) > MAX_ABS_INT:
            raise Reject("integer beyond 2^53 in magnitude: %s" % s)
        return n

    def parse_constant(s):
        raise Reject("not JSON: %s" % s)

    try:
        value = json.loads(
            text,
            object_pairs_hook=object_pairs,
            parse_float=parse_float,
            parse_int=parse_int,
            parse_constant=parse_constant,
        )
    except json.JSONDecodeError as e:
        raise Reject("not JSON: %s" % e)
    _check_strings(value)
    return value


def utf16_key(s):
    # Big-endian UTF-16 bytes compare exactly like the sequence of UTF-16
    # code units (RFC 8785 §3.2.3).
    return s.encode("utf-16-be")


_SHORT_ESCAPES = {
    0x22: '\\"',
    0x5C: "\\\\",
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
}


def jcs_string(s):
    """RFC 8785 §3.2.2.2 = ECMAScript JSON.stringify (QuoteJSONString)."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if c in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[c])
        elif c < 0x20:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(v):
    """RFC 8785 canonical text of a value of our types."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        if abs(v) > MAX_ABS_INT:
            raise ValueError("integer out of range")
        return str(v)  # -0 cannot occur: Python ints have no negative zero
    if isinstance(v, str):
        return jcs_string(v)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=utf16_key)
        return "{" + ",".join(jcs_string(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise TypeError(type(v))


def jcs_alt(v):
    """Second, independent serialiser for cross-checking: Python's json.dumps
    with ensure_ascii=False escapes strings exactly like JSON.stringify
    (\\" \\\\ \\b \\f \\n \\r \\t, other C0 controls as lowercase \\u00xx,
    everything else literal); only the member order has to be imposed."""

    def order(x):
        if isinstance(x, dict):
            return {k: order(x[k]) for k in sorted(x, key=utf16_key)}
        if isinstance(x, list):
            return [order(y) for y in x]
        return x

    return json.dumps(order(v), ensure_ascii=False, separators=(",", ":"))


def canonical_bytes(v):
    a = jcs(v)
    b = jcs_alt(v)
    assert a == b, (a, b)
    return a.encode("utf-8")


# ---------------------------------------------------------------------------
# canonical.json
# ---------------------------------------------------------------------------

RFC8785 = "RFC 8785 (JSON Canonicalization Scheme), https://www.rfc-editor.org/rfc/rfc8785"
CYBERPHONE = "github.com/cyberphone/json-canonicalization (reference implementation by the RFC 8785 author), testdata/"


def control_chars_expected():
    # Written out by hand from RFC 8785 §3.2.2.2 / ECMA-262 QuoteJSONString,
    # deliberately not computed with jcs_string().
    return (
        '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007'
        "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
        "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
        '\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"'
    )


def canonical_cases():
    """(name, input JSON text, expected canonical text or None, source, note).
    Where expected is given it was written down independently (from the cited
    source or by hand) and is asserted; None means "computed"."""
    C = []

    def case(name, text, expected=None, source=None, note=None):
        C.append((name, text, expected, source, note))

    # --- RFC 8785's own examples -------------------------------------------
    case(
        "rfc8785_3.2.3_property_sorting",
        r"""{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}""",
        '{"\\r":"Carriage Return","1":"One","\u0080":"Control",'
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
        '"\U0001F600":"Emoji: Grinning Face","\uFB33":"Hebrew Letter Dalet With Dagesh"}',
        RFC8785 + " §3.2.3 (input verbatim; the RFC lists the expected member order: "
        "Carriage Return, One, Control, Latin Small Letter O With Diaeresis, Euro Sign, "
        "Emoji: Grinning Face, Hebrew Letter Dalet With Dagesh)",
        "U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 by UTF-16 code units "
        "although its code point is larger.",
    )
    case(
        "rfc8785_3.2.2_sample_without_numbers",
        r"""{
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}""",
        r"""{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
        RFC8785 + " §3.2.2 sample (= " + CYBERPHONE + "input|output/values.json), with the "
        '"numbers" member removed because fractions and exponents are outside our types',
        "uppercase hex in \\u000F becomes lowercase; \\u0042 becomes B; \\/ becomes /",
    )
    # --- cyberphone test data ------------------------------------------------
    case(
        "cyberphone_weird",
        '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n'
        '  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n'
        '  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}\n',
        '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",'
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
        '"\U0001F602":"Smiley","\uFB33":"Hebrew Letter Dalet With Dagesh"}',
        CYBERPHONE + "input/weird.json and output/weird.json @ 77917fbd5d923bca23a9b5eb8851deec918016bf",
        "U+007F (DEL) and U+0080 are emitted literally; '/' is not escaped",
    )
    case(
        "cyberphone_structures_adapted",
        '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56},\n  "10": { },\n  "": "empty",\n'
        '  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
        '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
        CYBERPHONE + "input/structures.json and output/structures.json @ 72a2163bae9803964410d89cea8874787a95718b",
        "adapted: the published input has 56.0, replaced by 56 because fractions are outside our types",
    )
    case(
        "cyberphone_arrays",
        '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]',
        '[56,{"1":[],"10":null,"d":true}]',
        CYBERPHONE + "input/arrays.json @ 72a2163bae9803964410d89cea8874787a95718b (expected output written by hand)",
    )
    case(
        "cyberphone_french",
        '{\n  "peach": "This sorting order",\n  "p\u00e9ch\u00e9": "is wrong according to French",\n'
        '  "p\u00eache": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
        '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French",'
        '"p\u00eache":"but canonicalization MUST","sin":"ingnore locale"}',
        CYBERPHONE + "input/french.json and output/french.json @ b01b0235cf94374efe5d11d00a86a11054756374",
    )
    case(
        "cyberphone_unicode_not_normalized",
        '{\n  "Unnormalized Unicode":"\\u1e0d\\u0307"\n}\n',
        '{"Unnormalized Unicode":"\u1e0d\u0307"}',
        CYBERPHONE + "input/unicode.json and output/unicode.json @ ff225671c5de178c946aad33ac5ef454d236505e",
        "no Unicode normalisation: U+1E0D U+0307 stays as two code points",
    )
    case(
        "cyberphone_simple_string",
        '    "this is a test string 1235"',
        '"this is a test string 1235"',
        CYBERPHONE + "input|output|outhex/simpleString @ 987e82e78b88f0f77588d4b3f0496dbf12bc6111",
    )
    # --- string escaping -----------------------------------------------------
    case(
        "escapes_short_forms",
        r'["\"", "\\", "\/", "\b", "\f", "\n", "\r", "\t"]',
        r'["\"","\\","/","\b","\f","\n","\r","\t"]',
        "RFC 8785 §3.2.2.2 / ECMA-262 QuoteJSONString",
    )
    case(
        "escapes_from_unicode_escapes",
        r'["\u0022", "\u005C", "\u002F", "\u0008", "\u000C", "\u000A", "\u000D", "\u0009"]',
        r'["\"","\\","/","\b","\f","\n","\r","\t"]',
        "RFC 8785 §3.2.2.2 / ECMA-262 QuoteJSONString",
    )
    case(
        "all_control_characters_u0000_to_u001f",
        '"' + "".join("\\u%04X" % i for i in range(0x20)) + '"',
        control_chars_expected(),
        "RFC 8785 §3.2.2.2 / ECMA-262 QuoteJSONString",
        "input uses uppercase hex; output uses the short forms \\b \\t \\n \\f \\r and lowercase \\u00xx for the rest",
    )
    case(
        "control_characters_in_key_sorting",
        r'{"\\": 4, "\"": 3, "\t": 2, "\n": 1, "\u0000": 0}',
        r'{"\u0000":0,"\t":2,"\n":1,"\"":3,"\\":4}',
        "RFC 8785 §3.2.3 (sorting uses the unescaped names)",
    )
    case("del_u007f_literal", r'"\u007f"', '"\u007f"', "RFC 8785 §3.2.2.2", "U+007F is not escaped")
    case(
        "line_and_paragraph_separators_literal",
        r'"a\u2028b\u2029c"',
        '"a\u2028b\u2029c"',
        "RFC 8785 §3.2.2.2",
        "U+2028 and U+2029 are not escaped",
    )
    case("c1_control_literal", r'"\u0080\u009f"', '"\u0080\u009f"', "RFC 8785 §3.2.2.2")
    case("non_bmp_emoji_from_escape", r'"\ud83d\ude00"', '"\U0001F600"', "RFC 8785 §3.2.2.2",
         "a surrogate-pair escape becomes the 4-byte UTF-8 sequence f0 9f 98 80")
    case("non_bmp_emoji_literal", '"\U0001F600"', '"\U0001F600"', "RFC 8785 §3.2.2.2")
    case("lowercase_and_uppercase_hex_escapes", r'"\u00E9\u00e9"', '"\u00e9\u00e9"', "RFC 8259 §7")
    case("chinese_text_literal", '"嘉州积分 志愿者"', '"嘉州积分 志愿者"', "RFC 8785 §3.2.2.2")
    case(
        "chinese_text_from_escapes",
        '"' + "".join("\\u%04x" % ord(c) for c in "嘉州积分 志愿者") + '"',
        '"嘉州积分 志愿者"',
        "RFC 8785 §3.2.2.2",
        "the space is escaped in the input too (\\u0020)",
    )
    case(
        "chinese_keys_sorted_by_utf16",
        '{"积分": 3, "志愿者": 2, "嘉州": 1}',
        '{"嘉州":1,"志愿者":2,"积分":3}',
        "RFC 8785 §3.2.3",
        "嘉 U+5609 < 志 U+5FD7 < 积 U+79EF",
    )
    case(
        "mixed_non_ascii_string",
        '{"note": "Ünïcödé € 😀 /slash/ tab\\there"}',
        '{"note":"Ünïcödé € 😀 /slash/ tab\\there"}',
        "RFC 8785 §3.2.2.2",
    )
    # --- member ordering -----------------------------------------------------
    case(
        "utf16_order_puts_u1f600_before_ufb33",
        r'{"\ufb33": "U+FB33", "\ud83d\ude00": "U+1F600"}',
        '{"\U0001F600":"U+1F600","\uFB33":"U+FB33"}',
        RFC8785 + " §3.2.3",
        "code-point order would be the opposite",
    )
    case(
        "utf16_order_puts_u10000_before_ue000",
        r'{"\ue000": "U+E000", "\ud800\udc00": "U+10000"}',
        '{"\U00010000":"U+10000","\uE000":"U+E000"}',
        RFC8785 + " §3.2.3",
        "U+10000 is D800 DC00 in UTF-16, below E000; code-point order and UTF-8 byte order would be the opposite",
    )
    case(
        "keys_differing_only_beyond_the_bmp",
        r'{"a\ud840\udc00": 3, "a\ud83d\ude01": 2, "a\ud83d\ude00": 1}',
        '{"a\U0001F600":1,"a\U0001F601":2,"a\U00020000":3}',
        RFC8785 + " §3.2.3",
        "U+1F600 = D83D DE00, U+1F601 = D83D DE01, U+20000 = D840 DC00",
    )
    case(
        "ascii_case_and_punctuation_order",
        '{"b": 1, "B": 2, "a": 3, "A": 4, "_": 5, "0": 6, "-": 7}',
        '{"-":7,"0":6,"A":4,"B":2,"_":5,"a":3,"b":1}',
        RFC8785 + " §3.2.3",
    )
    case(
        "prefix_keys",
        '{"ab": 3, "aa": 2, "a": 1, "": 0}',
        '{"":0,"a":1,"aa":2,"ab":3}',
        RFC8785 + " §3.2.3",
        "a key sorts before every longer key it is a prefix of",
    )
    case("key_order_variation_1", '{"c":3,"a":1,"b":2}', '{"a":1,"b":2,"c":3}', RFC8785 + " §3.2.3")
    case("key_order_variation_2", '{"b":2,"c":3,"a":1}', '{"a":1,"b":2,"c":3}', RFC8785 + " §3.2.3")
    case("array_order_preserved", "[3, 1, 2, \"b\", \"a\"]", '[3,1,2,"b","a"]', RFC8785 + " §3.2.3")
    # --- whitespace, structure, empties -------------------------------------
    case(
        "whitespace_variations",
        ' \t\r\n{ "b" : [ 1 , 2 ] ,\n\t"a" : null } \r\n',
        '{"a":null,"b":[1,2]}',
        "RFC 8259 §2 (insignificant whitespace is space, tab, LF, CR); RFC 8785 §3.2.1",
    )
    case(
        "nested_objects_and_arrays",
        '{"z": {"y": {"x": [1, [2, [3, {"b": [], "a": {}}]]]}}, "a": [[], [[]], {}]}',
        '{"a":[[],[[]],{}],"z":{"y":{"x":[1,[2,[3,{"a":{},"b":[]}]]]}}}',
        RFC8785,
    )
    case("empty_object", "{}", "{}", RFC8785)
    case("empty_object_with_whitespace", "{ \n }", "{}", RFC8785)
    case("empty_array", "[ ]", "[]", RFC8785)
    case("empty_string", '""', '""', RFC8785)
    case("empty_key_and_value", '{"": ""}', '{"":""}', RFC8785)
    case("empties_in_array", '[{}, [], "", {"": []}]', '[{},[],"",{"":[]}]', RFC8785)
    case("literals", "[true, false, null]", "[true,false,null]", RFC8785)
    case("top_level_true", "true", "true", "RFC 8259 §2 (any value may be a JSON text)")
    case("top_level_null_with_whitespace", " null ", "null", "RFC 8259 §2")
    # --- integers ------------------------------------------------------------
    case("integer_zero", "0", "0", "RFC 8785 §3.2.2.3")
    case("integer_minus_one", "-1", "-1", "RFC 8785 §3.2.2.3")
    case(
        "integers_safe_limits",
        "[0, -1, 9007199254740991, -9007199254740991]",
        "[0,-1,9007199254740991,-9007199254740991]",
        "RFC 8785 §3.2.2.3; 9007199254740991 = 2^53 - 1 (Number.MAX_SAFE_INTEGER)",
    )
    case(
        "integers_plus_minus_2_pow_53",
        "[9007199254740992, -9007199254740992]",
        "[9007199254740992,-9007199254740992]",
        "the Jiazhou format (|n| <= 2^53)",
        "accepted because the format says |n| <= 2^53. I-JSON (RFC 7493 §2.2), which RFC 8785 builds on, "
        "only guarantees [-(2^53)+1, 2^53-1]; 2^53 is exact in binary64 but 2^53+1 parses to the same double, "
        "so a double-based reader cannot tell them apart. If the format is tightened to 2^53-1, move this to rejects.",
    )
    case("integers_in_object", '{"points": 20, "balance": -5}', '{"balance":-5,"points":20}', RFC8785)
    # --- a ledger-shaped value ----------------------------------------------
    case(
        "posting_shaped_object",
        '{"to": "volunteer:V000001", "points": 20, "from": "issuer:shizhong/tongjiang/baiyang"}',
        '{"from":"issuer:shizhong/tongjiang/baiyang","points":20,"to":"volunteer:V000001"}',
        RFC8785,
        "'/' in account names is not escaped",
    )
    return C


def canonical_rejects():
    R = []

    def rej(name, text, why):
        R.append((name, text, why))

    rej("duplicate_keys", '{"a":1,"a":2}', "duplicate member names (I-JSON RFC 7493 §2.3, required by RFC 8785 §3.1)")
    rej("duplicate_keys_same_value", '{"a":1,"a":1}', "duplicate member names, even with equal values")
    rej("duplicate_keys_after_unescaping", '{"a":1,"\\u0061":2}', "\"\\u0061\" is the name \"a\": duplicate after unescaping")
    rej("duplicate_keys_nested", '{"x":{"k":1,"k":2}}', "duplicate member names in a nested object")
    rej("fraction", "1.5", "numbers with a fraction are outside our types")
    rej("fraction_in_object", '{"points":1.5}', "numbers with a fraction are outside our types")
    rej("integral_fraction", "1.0", "a fraction part is not allowed even when it is zero")
    rej("negative_zero_fraction", "-0.0", "a fraction part is not allowed")
    rej("exponent", "1e3", "numbers with an exponent are outside our types")
    rej("exponent_uppercase", "1E3", "numbers with an exponent are outside our types")
    rej("exponent_signed", "[1e+3]", "numbers with an exponent are outside our types")
    rej("integer_2_pow_53_plus_1", "9007199254740993", "integer beyond 2^53 in magnitude")
    rej("integer_minus_2_pow_53_minus_1", "-9007199254740993", "integer beyond 2^53 in magnitude")
    rej("integer_2_pow_64", "18446744073709551616", "integer beyond 2^53 in magnitude")
    rej("lone_high_surrogate", '"\\ud800"', "lone surrogate escape: not a Unicode scalar value (RFC 8785 §3.2.2.2)")
    rej("lone_low_surrogate", '"\\udc00"', "lone surrogate escape")
    rej("reversed_surrogate_pair", '"\\ude00\\ud83d"', "low surrogate before high surrogate: two lone surrogates")
    rej("high_surrogate_then_letter", '"\\ud83dA"', "high surrogate not followed by a low surrogate")
    rej("lone_surrogate_in_key", '{"\\ud800":1}', "lone surrogate escape in a member name")
    rej("leading_zero", "01", "leading zeros are not JSON (RFC 8259 §6)")
    rej("leading_zero_negative", "-01", "leading zeros are not JSON")
    rej("leading_zeros_in_array", "[00]", "leading zeros are not JSON")
    rej("plus_sign", "+1", "a leading plus is not JSON")
    rej("leading_decimal_point", ".5", "not JSON")
    rej("trailing_decimal_point", "1.", "not JSON")
    rej("hex_number", "0x10", "not JSON")
    rej("trailing_comma_array", "[1,2,]", "trailing comma")
    rej("trailing_comma_object", '{"a":1,}', "trailing comma")
    rej("single_quoted_string", "'a'", "single quotes are not JSON")
    rej("single_quoted_key", "{'a':1}", "single quotes are not JSON")
    rej("nan", "NaN", "NaN is not JSON")
    rej("nan_in_array", "[NaN]", "NaN is not JSON")
    rej("infinity", "Infinity", "Infinity is not JSON")
    rej("negative_infinity", "-Infinity", "-Infinity is not JSON")
    rej("unquoted_key", "{a:1}", "member names must be strings")
    rej("trailing_second_value", '{"a":1} {"b":2}', "a JSON text is exactly one value")
    rej("trailing_second_number", "1 2", "a JSON text is exactly one value")
    rej("trailing_garbage", "[] x", "a JSON text is exactly one value")
    rej("empty_text", "", "a JSON text is exactly one value")
    rej("whitespace_only", " \n ", "a JSON text is exactly one value")
    rej("raw_tab_in_string", '"a\tb"', "control characters must be escaped inside strings (RFC 8259 §7)")
    rej("raw_newline_in_string", '"a\nb"', "control characters must be escaped inside strings")
    rej("raw_nul_in_string", '"a\u0000b"', "control characters must be escaped inside strings")
    rej("invalid_escape_x", '"\\x41"', "\\x is not a JSON escape")
    rej("invalid_escape_uppercase_u", '"\\U0041"', "\\U is not a JSON escape")
    rej("invalid_unicode_escape", '"\\u00g0"', "\\u needs four hex digits")
    rej("short_unicode_escape", '"\\u41"', "\\u needs four hex digits")
    rej("unterminated_string", '"abc', "unterminated string")
    rej("unterminated_array", "[1,2", "unterminated array")
    rej("missing_colon", '{"a" 1}', "missing name separator")
    rej("comment", '{"a":1 /* c */}', "comments are not JSON")
    rej("capitalised_literal", "True", "literals are lowercase")
    rej("truncated_literal", "nul", "not a literal")
    rej("non_breaking_space_as_whitespace", "\u00a01", "U+00A0 is not JSON whitespace")
    rej("form_feed_as_whitespace", "\u000c1", "U+000C is not JSON whitespace")
    rej(
        "rfc8785_3.2.2_sample_with_numbers",
        '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n'
        '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n'
        '  "literals": [null, true, false]\n}',
        "the full RFC 8785 §3.2.2 sample is valid JCS input but has fractions and exponents, outside our types",
    )
    return R


def canonical_implementation_defined():
    return [
        {
            "name": "negative_zero",
            "input": "-0",
            "rfc8785_canonical": "0",
            "why": "'-0' is integer syntax, so the format's 'only integers' admits it; RFC 8785 §3.2.2.3 "
            "serialises it as 0 (so a ledger that requires canonical input would then reject '-0' in stored "
            "entries, whose bytes differ from their canonical form). Decide: accept as 0, or reject.",
        },
        {
            "name": "negative_zero_in_array",
            "input": "[-0]",
            "rfc8785_canonical": "[0]",
            "why": "as negative_zero",
        },
        {
            "name": "byte_order_mark",
            "input": "\ufeff{\"a\":1}",
            "rfc8785_canonical": "{\"a\":1}",
            "why": "RFC 8259 §8.1: parsers MAY ignore a leading U+FEFF rather than treat it as an error. "
            "Recommended: reject.",
        },
    ]


def build_canonical():
    cases_out = []
    for name, text, expected, source, note in canonical_cases():
        value = parse(text)
        got = canonical_bytes(value).decode("utf-8")
        if expected is not None:
            assert got == expected, (name, got, expected)
        # canonical text is a fixed point
        assert canonical_bytes(parse(got)).decode("utf-8") == got, name
        item = {"name": name, "input": text, "canonical": got, "canonical_utf8_hex": got.encode("utf-8").hex()}
        if source:
            item["source"] = source
        if note:
            item["note"] = note
        cases_out.append(item)

    # RFC 8785 §3.2.3: the published order of the values.
    rfc = json.loads(next(c for c in cases_out if c["name"] == "rfc8785_3.2.3_property_sorting")["canonical"])
    assert list(rfc.values()) == [
        "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis",
        "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh",
    ]
    # cyberphone outhex/simpleString.txt
    simple = next(c for c in cases_out if c["name"] == "cyberphone_simple_string")
    assert simple["canonical_utf8_hex"] == (
        "22 74 68 69 73 20 69 73 20 61 20 74 65 73 74 20 73 74 72 69 6E 67 20 31 32 33 35 22"
        .replace(" ", "").lower()
    )

    rejects_out = []
    for name, text, why in canonical_rejects():
        try:
            parse(text)
        except Reject:
            pass
        else:
            raise AssertionError("expected reject: %s" % name)
        rejects_out.append({"name": name, "input": text, "why": why})

    impl = canonical_implementation_defined()
    for item in impl:
        # Python's json tolerates neither a BOM nor gives -0 a sign; the
        # RFC 8785 answer for the accept-branch is recorded, not asserted
        # through parse().
        if item["name"].startswith("negative_zero"):
            assert jcs(json.loads(item["input"])) == item["rfc8785_canonical"]

    names = [c["name"] for c in cases_out] + [r["name"] for r in rejects_out] + [i["name"] for i in impl]
    assert len(names) == len(set(names)), "duplicate vector names"

    return {
        "source": "Canonical bytes per RFC 8785 (JCS) restricted to the Jiazhou value types "
        "(objects, arrays, strings, integers with |n| <= 2^53, true, false, null). Known answers: RFC 8785 "
        "§3.2.2/§3.2.3 samples and the RFC author's test data (github.com/cyberphone/json-canonicalization); "
        "the rest computed by Ledger/vectors/generate.py with two independent serialisers that must agree. "
        "'canonical' is the expected text; 'canonical_utf8_hex' its exact bytes.",
        "cases": cases_out,
        "rejects": rejects_out,
        "implementation_defined": impl,
    }


# ---------------------------------------------------------------------------
# Merkle trees (RFC 6962 §2.1 = RFC 9162 §2.1)
# ---------------------------------------------------------------------------


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf_hash(data):
    return sha256(b"\x00" + data)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def split_point(n):
    """Largest power of two smaller than n (n >= 2)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(hashes):
    """MTH over leaves given by their leaf hashes (RFC 9162 §2.1.1)."""
    n = len(hashes)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return hashes[0]
    k = split_point(n)
    return node_hash(mth(hashes[:k]), mth(hashes[k:]))


def mth_iterative(hashes):
    """Independent implementation: a stack of perfect subtrees, merged as
    leaves arrive, then folded right to left (the compact-range view)."""
    stack = []
    for h in hashes:
        stack.append((1, h))
        while len(stack) >= 2 and stack[-1][0] == stack[-2][0]:
            size, right = stack.pop()
            _, left = stack.pop()
            stack.append((2 * size, node_hash(left, right)))
    if not stack:
        return sha256(b"")
    _, acc = stack.pop()
    while stack:
        _, left = stack.pop()
        acc = node_hash(left, acc)
    return acc


def inclusion_path(m, hashes):
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1, m 0-based."""
    n = len(hashes)
    if n == 1:
        return []
    k = split_point(n)
    if m < k:
        return inclusion_path(m, hashes[:k]) + [mth(hashes[k:])]
    return inclusion_path(m - k, hashes[k:]) + [mth(hashes[:k])]


def consistency_proof(m, hashes):
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1, for 0 < m <= n."""

    def subproof(m, d, b):
        n = len(d)
        if m == n:
            return [] if b else [mth(d)]
        k = split_point(n)
        if m <= k:
            return subproof(m, d[:k], b) + [mth(d[k:])]
        return subproof(m - k, d[k:], False) + [mth(d[:k])]

    return subproof(m, hashes, True)


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, path):
    """RFC 9162 §2.1.4.2 (for 0 < first <= second; equal sizes need an empty
    proof and equal roots)."""
    if first == second:
        return path == [] and first_hash == second_hash
    if not path:
        return False
    if first & (first - 1) == 0:
        path = [first_hash] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


CT_TEST = "github.com/google/certificate-transparency cpp/merkletree/merkle_tree_test.cc"
TDEV_TEST = "github.com/transparency-dev/merkle testonly/constants.go"

CT_LEAVES_HEX = [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
]
# Level-0 node hashes (leaf hashes) from transparency-dev/merkle testonly NodeHashes().
PUBLISHED_LEAF_HASHES = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
]
# Roots for sizes 0..8 (CT kSHA256EmptyTreeHash + kSHA256Roots; transparency-dev RootHashes()).
PUBLISHED_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# CT kSHA256Paths, converted from CT's 1-based leaf numbers to 0-based indices.
PUBLISHED_PATHS = [
    (0, 8, [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]),
    (5, 8, [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ]),
    (0, 1, []),
]
# CT kSHA256Proofs (first size, second size, proof).
PUBLISHED_CONSISTENCY = [
    (1, 1, []),
    (1, 8, [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]),
    (6, 8, [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]),
    (2, 5, [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ]),
]


def hexlist(hs):
    return [h.hex() for h in hs]


def build_merkle():
    leaves = [bytes.fromhex(x) for x in CT_LEAVES_HEX]
    lh = [leaf_hash(d) for d in leaves]
    assert hexlist(lh) == PUBLISHED_LEAF_HASHES
    roots = []
    for n in range(0, 9):
        r = mth(lh[:n])
        assert r == mth_iterative(lh[:n])
        assert r.hex() == PUBLISHED_ROOTS[n], n
        roots.append({"size": n, "root": r.hex()})

    for index, size, path in PUBLISHED_PATHS:
        assert hexlist(inclusion_path(index, lh[:size])) == path, (index, size)
    for m, n, proof in PUBLISHED_CONSISTENCY:
        assert hexlist(consistency_proof(m, lh[:n])) == proof, (m, n)

    inclusion = []
    for size in range(1, 9):
        root = mth(lh[:size])
        for index in range(size):
            p = inclusion_path(index, lh[:size])
            assert verify_inclusion(index, size, lh[index], p, root)
            # a wrong index must fail (when another index exists)
            if size > 1:
                assert not verify_inclusion((index + 1) % size, size, lh[index], p, root)
            inclusion.append({"leaf_index": index, "tree_size": size, "leaf_hash": lh[index].hex(),
                              "root": root.hex(), "path": hexlist(p)})

    consistency = []
    for second in range(1, 9):
        for first in range(1, second + 1):
            p = consistency_proof(first, lh[:second])
            r1, r2 = mth(lh[:first]), mth(lh[:second])
            assert verify_consistency(first, second, r1, r2, p), (first, second)
            if first < second:
                assert not verify_consistency(first, second, r2, r1, p) or r1 == r2
            consistency.append({"first_size": first, "second_size": second, "first_root": r1.hex(),
                                "second_root": r2.hex(), "proof": hexlist(p)})

    # Larger trees over a documented generated leaf set.
    gen_leaves = [str(i).encode("ascii") for i in range(70)]
    gen_lh = [leaf_hash(d) for d in gen_leaves]
    gen_roots = []
    for n in range(0, 71):
        r = mth(gen_lh[:n])
        assert r == mth_iterative(gen_lh[:n])
        gen_roots.append({"size": n, "root": r.hex()})
    gen_inclusion = []
    for size, index in [(70, 0), (70, 37), (70, 63), (70, 64), (70, 69), (65, 64), (64, 63), (33, 32)]:
        root = mth(gen_lh[:size])
        p = inclusion_path(index, gen_lh[:size])
        assert verify_inclusion(index, size, gen_lh[index], p, root)
        gen_inclusion.append({"leaf_index": index, "tree_size": size, "leaf_hash": gen_lh[index].hex(),
                              "root": root.hex(), "path": hexlist(p)})
    gen_consistency = []
    for first, second in [(1, 70), (7, 70), (32, 70), (64, 70), (69, 70), (33, 65), (63, 64), (70, 70)]:
        p = consistency_proof(first, gen_lh[:second])
        r1, r2 = mth(gen_lh[:first]), mth(gen_lh[:second])
        assert verify_consistency(first, second, r1, r2, p)
        gen_consistency.append({"first_size": first, "second_size": second, "first_root": r1.hex(),
                                "second_root": r2.hex(), "proof": hexlist(p)})

    return {
        "source": "RFC 6962 §2.1 / RFC 9162 §2.1: leaf hash = SHA-256(0x00 || data), node hash = "
        "SHA-256(0x01 || left || right), MTH({}) = SHA-256(\"\"), split at the largest power of two "
        "smaller than n. Proofs are PATH (RFC 9162 §2.1.3.1) and PROOF (§2.1.4.1), ordered from the "
        "leaf/bottom up; leaf_index is 0-based.",
        "rfc6962_test_leaves": {
            "source": "The 8 test leaves used by Certificate Transparency, Trillian and transparency-dev: "
            + CT_TEST + " (kInputs, kSHA256Roots, kSHA256Paths, kSHA256Proofs) and " + TDEV_TEST
            + " (LeafInputs, NodeHashes, RootHashes). Leaf hashes, all roots, the published paths and the "
            "published consistency proofs are asserted by generate.py; CT numbers leaves from 1, "
            "converted here to 0-based leaf_index.",
            "leaves_hex": CT_LEAVES_HEX,
            "leaf_hashes": hexlist(lh),
            "roots": roots,
            "published_inclusion_proofs": [
                {"leaf_index": i, "tree_size": s, "path": p} for i, s, p in PUBLISHED_PATHS
            ],
            "published_consistency_proofs": [
                {"first_size": m, "second_size": n, "proof": p} for m, n, p in PUBLISHED_CONSISTENCY
            ],
            "inclusion_proofs": inclusion,
            "consistency_proofs": consistency,
        },
        "generated_leaves": {
            "source": "Computed by generate.py (no published answers); two independent MTH implementations "
            "agree and every proof verifies with the RFC 9162 §2.1.3.2 / §2.1.4.2 algorithms.",
            "leaf_rule": "leaf i (0-based) is the ASCII decimal representation of i, no padding: "
            "\"0\", \"1\", ..., \"69\"; roots[n] is the root over leaves 0..n-1",
            "roots": gen_roots,
            "inclusion_proofs": gen_inclusion,
            "consistency_proofs": gen_consistency,
        },
    }


# ---------------------------------------------------------------------------
# Ed25519 and C2SP signed notes
# ---------------------------------------------------------------------------

RFC8032_TESTS = [
    {
        "name": "RFC 8032 §7.1 TEST 1",
        "secret_key": "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "public_key": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "message": "",
        "signature": "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
        "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    },
    {
        "name": "RFC 8032 §7.1 TEST 2",
        "secret_key": "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "public_key": "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "message": "72",
        "signature": "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    },
]


def ed_public(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def ed_sign(seed, msg):
    return Ed25519PrivateKey.from_private_bytes(seed).sign(msg)


def ed_verify(pub, msg, sig):
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
        return True
    except (InvalidSignature, ValueError):
        return False


def check_rfc8032():
    for t in RFC8032_TESTS:
        seed = bytes.fromhex(t["secret_key"])
        msg = bytes.fromhex(t["message"])
        assert ed_public(seed).hex() == t["public_key"], t["name"]
        assert ed_sign(seed, msg).hex() == t["signature"], t["name"]
        assert ed_verify(bytes.fromhex(t["public_key"]), msg, bytes.fromhex(t["signature"]))
        assert not ed_verify(bytes.fromhex(t["public_key"]), msg + b"x", bytes.fromhex(t["signature"]))


EM_DASH_SPACE = "\u2014 "


def key_id(name, pub):
    """C2SP signed-note: SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]."""
    return sha256(name.encode("utf-8") + b"\n" + b"\x01" + pub)[:4]


def verifier_key(name, pub):
    return "%s+%s+%s" % (name, key_id(name, pub).hex(), base64.b64encode(b"\x01" + pub).decode("ascii"))


def valid_key_name(name):
    return name != "" and "+" not in name and not any(c.isspace() for c in name)


def parse_verifier_key(vkey):
    name, hash16, key64 = vkey.split("+", 2)
    key = base64.b64decode(key64, validate=True)
    assert len(hash16) == 8 and valid_key_name(name) and key[0] == 1 and len(key) == 33
    pub = key[1:]
    assert key_id(name, pub).hex() == hash16
    return name, bytes.fromhex(hash16), pub


def signature_line(name, seed, text):
    pub = ed_public(seed)
    sig = key_id(name, pub) + ed_sign(seed, text.encode("utf-8"))
    return EM_DASH_SPACE + name + " " + base64.b64encode(sig).decode("ascii") + "\n"


def open_note(note, vkeys):
    """Parse and verify a signed note per c2sp.org/signed-note (and
    golang.org/x/mod/sumdb/note Open).  Returns (text, [verified key names])
    or raises ValueError.  Unknown keys are ignored; a known key whose
    signature fails rejects the whole note; no verified signature rejects."""
    known = {}
    for vk in vkeys:
        name, kid, pub = parse_verifier_key(vk)
        known[(name, kid)] = pub
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise ValueError("malformed: control character")
    i = note.rfind("\n\n")
    if i < 0:
        raise ValueError("malformed: no blank line")
    text, sigs = note[: i + 1], note[i + 2:]
    if not sigs.endswith("\n"):
        raise ValueError("malformed: signatures do not end in newline")
    verified = []
    for line in sigs[:-1].split("\n"):
        if not line.startswith(EM_DASH_SPACE):
            raise ValueError("malformed: bad signature line")
        rest = line[len(EM_DASH_SPACE):]
        j = rest.rfind(" ")
        if j < 0:
            raise ValueError("malformed: bad signature line")
        name, b64 = rest[:j], rest[j + 1:]
        if not valid_key_name(name):
            raise ValueError("malformed: bad key name")
        try:
            raw = base64.b64decode(b64, validate=True)
        except Exception:
            raise ValueError("malformed: bad base64")
        if len(raw) < 5:
            raise ValueError("malformed: short signature")
        kid, sig = raw[:4], raw[4:]
        pub = known.get((name, kid))
        if pub is None:
            continue
        if not ed_verify(pub, text.encode("utf-8"), sig):
            raise ValueError("invalid signature for known key %s+%s" % (name, kid.hex()))
        verified.append(name)
    if not verified:
        raise ValueError("no verifiable signatures")
    return text, verified


GO_NOTE = "golang.org/x/mod/sumdb/note (github.com/golang/mod sumdb/note/note.go package doc and note_test.go)"
GO_PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
GO_PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
GO_ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

C2SP_NOTE = (
    "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n\n"
    "\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n"
)
C2SP_CHECKPOINT = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
    "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
)


def must_fail(note, vkeys):
    try:
        open_note(note, vkeys)
    except ValueError as e:
        return str(e)
    raise AssertionError("note unexpectedly verified")


def published_note_examples():
    # Signer key from the Go package: PRIVATE+KEY+<name>+<id>+base64(0x01 || seed).
    parts = GO_PETER_SKEY.split("+", 4)
    peter_seed = base64.b64decode(parts[4])[1:]
    assert len(peter_seed) == 32
    # Deriving the verifier key and re-signing reproduces the published answers.
    assert verifier_key("PeterNeumann", ed_public(peter_seed)) == GO_PETER_VKEY
    assert signature_line("PeterNeumann", peter_seed, GO_TEXT) == GO_PETER_SIG

    peter_note = GO_TEXT + "\n" + GO_PETER_SIG
    both_note = GO_TEXT + "\n" + GO_PETER_SIG + GO_ENOCH_SIG
    assert open_note(peter_note, [GO_PETER_VKEY]) == (GO_TEXT, ["PeterNeumann"])
    assert open_note(both_note, [GO_PETER_VKEY]) == (GO_TEXT, ["PeterNeumann"])
    assert open_note(both_note, [GO_PETER_VKEY, GO_ENOCH_VKEY]) == (GO_TEXT, ["PeterNeumann", "EnochRoot"])
    assert open_note(both_note, [GO_ENOCH_VKEY]) == (GO_TEXT, ["EnochRoot"])
    # note_test.go "Invalid signature": 4 base64 chars inserted at byte 60 of the signature line.
    b = GO_PETER_SIG.encode("utf-8")
    bad_sig = (b[:60] + b"ABCD" + b[60:]).decode("utf-8")
    bad_note = GO_TEXT + "\n" + bad_sig
    must_fail(bad_note, [GO_PETER_VKEY])
    # note_test.go "wrongHash": the key ID no longer matches, so the key is unknown.
    wrong_hash_note = GO_TEXT + "\n" + GO_PETER_SIG.replace("x08g", "xxxx")
    must_fail(wrong_hash_note, [GO_PETER_VKEY])

    positive = [
        {
            "name": "go_sumdb_note_peterneumann",
            "source": GO_NOTE + ": the package documentation's well-formed signed note",
            "verifier_keys": [GO_PETER_VKEY],
            "signer_key": GO_PETER_SKEY,
            "text": GO_TEXT,
            "note": peter_note,
            "must_verify": True,
            "verified_by": ["PeterNeumann"],
        },
        {
            "name": "go_sumdb_note_two_signatures_one_known",
            "source": GO_NOTE + ": TestOpen, one signature verified and the other from an unknown key ignored",
            "verifier_keys": [GO_PETER_VKEY],
            "text": GO_TEXT,
            "note": both_note,
            "must_verify": True,
            "verified_by": ["PeterNeumann"],
        },
        {
            "name": "go_sumdb_note_two_signatures_both_known",
            "source": GO_NOTE + ": TestOpen",
            "verifier_keys": [GO_PETER_VKEY, GO_ENOCH_VKEY],
            "text": GO_TEXT,
            "note": both_note,
            "must_verify": True,
            "verified_by": ["PeterNeumann", "EnochRoot"],
        },
    ]
    negative = [
        {
            "name": "go_sumdb_note_corrupted_signature",
            "source": GO_NOTE + ": TestOpen 'Invalid signature' (ABCD inserted into the base64 at byte 60)",
            "verifier_keys": [GO_PETER_VKEY],
            "note": bad_note,
            "must_verify": False,
            "why": "signature from a known key (name and key ID match) fails to verify",
        },
        {
            "name": "go_sumdb_note_wrong_key_id",
            "source": GO_NOTE + ": TestOpen 'wrongHash' (x08g -> xxxx)",
            "verifier_keys": [GO_PETER_VKEY],
            "note": wrong_hash_note,
            "must_verify": False,
            "why": "the key ID differs, so the signature is from an unknown key and is ignored; no signature verifies",
        },
        {
            "name": "go_sumdb_note_no_known_key",
            "source": GO_NOTE + ": TestOpen 'Check both unverified'",
            "verifier_keys": [],
            "note": both_note,
            "must_verify": False,
            "why": "no verifier keys: no signature verifies",
        },
    ]

    # C2SP examples: no public key is published for them, so they can only be
    # parsed; with no known key they must not verify.
    c2sp_text = C2SP_NOTE[: C2SP_NOTE.rfind("\n\n") + 1]
    assert c2sp_text.count("\n\n") == 1  # the text itself contains a blank line
    must_fail(C2SP_NOTE, [GO_PETER_VKEY])
    must_fail(C2SP_CHECKPOINT, [GO_PETER_VKEY])

    def sig_info(note):
        line = note[note.rfind("\n\n") + 2:-1]
        rest = line[len(EM_DASH_SPACE):]
        name, b64 = rest.rsplit(" ", 1)
        raw = base64.b64decode(b64, validate=True)
        return {"key_name": name, "key_id": raw[:4].hex(), "signature_bytes": len(raw) - 4}

    ckpt_root_b64 = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="
    parse_only = [
        {
            "name": "c2sp_signed_note_example",
            "source": "github.com/C2SP/C2SP signed-note.md (c2sp.org/signed-note) opening example, verbatim",
            "note": C2SP_NOTE,
            "text": c2sp_text,
            "signatures": [sig_info(C2SP_NOTE)],
            "must_verify": None,
            "why": "the spec publishes no verifier key for this example, so it cannot be verified; it tests parsing: "
            "the text itself contains an empty line, and the text/signature split is at the LAST blank line",
        },
        {
            "name": "c2sp_tlog_checkpoint_example",
            "source": "github.com/C2SP/C2SP tlog-checkpoint.md (c2sp.org/tlog-checkpoint) example, verbatim",
            "note": C2SP_CHECKPOINT,
            "origin": "example.com/behind-the-sofa",
            "tree_size": 20852163,
            "root_hash": base64.b64decode(ckpt_root_b64).hex(),
            "signatures": [sig_info(C2SP_CHECKPOINT)],
            "must_verify": None,
            "why": "no verifier key is published; tests checkpoint body parsing only",
        },
    ]
    assert parse_only[0]["signatures"][0]["signature_bytes"] == 64
    return positive, negative, parse_only


# ---------------------------------------------------------------------------
# The example chain and its checkpoint
# ---------------------------------------------------------------------------

ORIGIN = "jiazhou.example/shizhong"
SEED = sha256(b"jiazhou test key")
SECOND_NAME = "jiazhou.example/second"
SECOND_SEED = sha256(b"jiazhou test second key")
ZERO_HASH = "0" * 64

ISSUER = "issuer:shizhong/tongjiang/baiyang"
V1 = "volunteer:V000001"
MERCHANT = "merchant:jiulongxiang-cafe"


def entry_specs(vkey):
    """(time, kind, actor, key or None, postings, data) for seq 0..7."""
    return [
        ("2026-11-23T08:00:00.000Z", "genesis", "operator:root", None, [],
         {"origin": ORIGIN, "suite": "sha256-ed25519", "verifier_key": vkey}),
        ("2026-11-23T08:05:00.000Z", "account.open", "operator:root", None, [],
         {"account": ISSUER, "scope": "shizhong/tongjiang/baiyang", "tags": []}),
        ("2026-11-23T08:10:00.000Z", "account.open", "coordinator:gw-baiyang-g01", "open-volunteer-V000001", [],
         {"account": V1, "scope": "shizhong/tongjiang/baiyang/g01", "tags": ["银龄"]}),
        ("2026-11-23T08:12:30.250Z", "account.open", "operator:root", None, [],
         {"account": MERCHANT, "scope": "shizhong/tongjiang/baiyang", "tags": ["商户", "咖啡"]}),
        ("2026-11-23T08:30:00.000Z", "award", "coordinator:gw-baiyang-g01", "award-A20261123-01-V000001",
         [{"from": ISSUER, "to": V1, "points": 20}],
         {"activity": "重阳节敬老院探访", "activity_id": "A20261123-01", "hours": 2}),
        ("2026-11-23T09:15:00.001Z", "award", "coordinator:gw-baiyang-g01", "award-A20261123-02-V000001",
         [{"from": ISSUER, "to": V1, "points": 15}],
         {"activity": "社区清洁日 🧹", "activity_id": "A20261123-02",
          "note": "雨天改期：\"周六\"\n→ 周日\t(备注/remark)"}),
        ("2026-11-23T10:00:00.000Z", "reverse", "coordinator:gw-baiyang-g01", "reverse-5",
         [{"from": V1, "to": ISSUER, "points": 15}],
         {"reverses": 5, "reason": "重复登记 duplicate award"}),
        ("2026-11-23T14:45:59.999Z", "redeem", MERCHANT, "redeem-jiulongxiang-0001",
         [{"from": V1, "to": MERCHANT, "points": 5}],
         {"item": "手冲咖啡一杯", "price_points": 5}),
    ]


def build_chain_and_checkpoint():
    check_rfc8032()
    pub = ed_public(SEED)
    vkey = verifier_key(ORIGIN, pub)
    assert valid_key_name(ORIGIN)

    entries, hashes = [], []
    prev = ZERO_HASH
    for seq, (time, kind, actor, key, postings, data) in enumerate(entry_specs(vkey)):
        e = {"v": 1, "seq": seq, "prev": prev, "time": time, "kind": kind, "actor": actor}
        if key is not None:
            e["key"] = key
        e["postings"] = postings
        e["data"] = data
        cb = canonical_bytes(e)
        # Round trip through the strict parser: canonical text is a fixed point.
        assert canonical_bytes(parse(cb.decode("utf-8"))) == cb
        h = leaf_hash(cb)
        entries.append({"entry": e, "canonical": cb.decode("utf-8"), "leaf_hash": h.hex()})
        hashes.append(h)
        prev = h.hex()
    roots = []
    for n in range(1, len(hashes) + 1):
        r = mth(hashes[:n])
        assert r == mth_iterative(hashes[:n])
        roots.append({"size": n, "root": r.hex(), "root_base64": base64.b64encode(r).decode("ascii")})
    for i in range(1, len(entries)):
        assert entries[i]["entry"]["prev"] == entries[i - 1]["leaf_hash"]

    chain = {
        "source": "Example Jiazhou ledger computed by generate.py. canonical = RFC 8785 bytes of entry; "
        "leaf_hash = SHA-256(0x00 || canonical); prev of entry seq = leaf_hash of entry seq-1 (64 zeros for "
        "seq 0); roots[k] = RFC 9162 MTH over the leaf data canonical[0..size-1] (i.e. over these leaf hashes). "
        "Entry contents are illustrative; the hashes are what must match.",
        "origin": ORIGIN,
        "entries": entries,
        "roots": roots,
    }

    # ---- checkpoint over the final root
    size = len(hashes)
    root = mth(hashes)
    body = "%s\n%d\n%s\n" % (ORIGIN, size, base64.b64encode(root).decode("ascii"))
    sig = ed_sign(SEED, body.encode("utf-8"))
    kid = key_id(ORIGIN, pub)
    sigline = EM_DASH_SPACE + ORIGIN + " " + base64.b64encode(kid + sig).decode("ascii") + "\n"
    assert sigline == signature_line(ORIGIN, SEED, body)
    note = body + "\n" + sigline
    assert open_note(note, [vkey]) == (body, [ORIGIN])

    # ---- negative and extra positive notes over our checkpoint
    prev_root = mth(hashes[:-1])
    other_body = "%s\n%d\n%s\n" % (ORIGIN, size - 1, base64.b64encode(prev_root).decode("ascii"))
    tampered_root = bytearray(root)
    tampered_root[0] ^= 0x01
    tampered_body = "%s\n%d\n%s\n" % (ORIGIN, size, base64.b64encode(bytes(tampered_root)).decode("ascii"))
    wrong_kid = bytes([kid[0], kid[1], kid[2], kid[3] ^ 0x01])
    bad_sig = bytearray(sig)
    bad_sig[10] ^= 0x80
    second_pub = ed_public(SECOND_SEED)
    second_vkey = verifier_key(SECOND_NAME, second_pub)
    second_line = signature_line(SECOND_NAME, SECOND_SEED, body)
    other_seed = sha256(b"jiazhou other key")

    def line(name, raw):
        return EM_DASH_SPACE + name + " " + base64.b64encode(raw).decode("ascii") + "\n"

    negatives = [
        ("signature_over_different_text", other_body + "\n" + sigline,
         "body says size %d with the size-%d root, but the signature is over the size-%d body" % (size - 1, size - 1, size)),
        ("tampered_root", tampered_body + "\n" + sigline, "one bit of the root hash changed after signing"),
        ("wrong_key_id", body + "\n" + line(ORIGIN, wrong_kid + sig),
         "key ID altered: the signature is from an unknown key and is ignored, so no signature verifies"),
        ("wrong_key_name", body + "\n" + line("jiazhou.example/shizhong2", kid + sig),
         "key name differs: unknown key, ignored; no signature verifies"),
        ("corrupted_signature", body + "\n" + line(ORIGIN, kid + bytes(bad_sig)),
         "known key, but the Ed25519 signature has a flipped bit"),
        ("signed_by_other_key_with_our_name_and_id", body + "\n" + line(ORIGIN, kid + ed_sign(other_seed, body.encode("utf-8"))),
         "name and key ID match our key but the signature was made by a different private key"),
        ("only_unknown_signature", body + "\n" + second_line,
         "the only signature is from a key the verifier does not know"),
        ("missing_blank_line", body + sigline, "no blank line between text and signatures: malformed"),
        ("missing_final_newline", note[:-1], "the signature line must end in a newline: malformed"),
        ("signature_over_text_without_final_newline", body + "\n" + line(ORIGIN, kid + ed_sign(SEED, body[:-1].encode("utf-8"))),
         "signature computed over the text without its final newline; the signed text includes it"),
        ("signature_over_text_plus_blank_line", body + "\n" + line(ORIGIN, kid + ed_sign(SEED, (body + "\n").encode("utf-8"))),
         "signature computed over the text plus the separating blank line; the signed text excludes it"),
    ]
    negative_out = []
    for name, n, why in negatives:
        must_fail(n, [vkey])
        negative_out.append({"name": name, "verifier_keys": [vkey], "note": n, "must_verify": False, "why": why})
    positives = [
        {"name": "checkpoint", "verifier_keys": [vkey], "note": note, "must_verify": True, "verified_by": [ORIGIN]},
        {"name": "checkpoint_plus_unknown_second_signature", "verifier_keys": [vkey], "note": note + second_line,
         "must_verify": True, "verified_by": [ORIGIN],
         "why": "signatures from unknown keys are ignored (c2sp.org/signed-note)"},
        {"name": "checkpoint_plus_known_second_signature", "verifier_keys": [vkey, second_vkey],
         "note": note + second_line, "must_verify": True, "verified_by": [ORIGIN, SECOND_NAME]},
    ]
    for p in positives:
        assert open_note(p["note"], p["verifier_keys"]) == (body, p["verified_by"])

    go_pos, go_neg, parse_only = published_note_examples()

    checkpoint = {
        "source": "c2sp.org/tlog-checkpoint body in a c2sp.org/signed-note, Ed25519 (RFC 8032) signature type 0x01. "
        "Ed25519 is deterministic, so signature and note are fixed known answers. Computed by generate.py, whose "
        "Ed25519 is checked against RFC 8032 §7.1 and whose signed-note code reproduces the published "
        "golang.org/x/mod/sumdb/note example byte for byte.",
        "key": {
            "seed_derivation": "SHA-256(\"jiazhou test key\")",
            "seed": SEED.hex(),
            "public_key": pub.hex(),
            "name": ORIGIN,
            "origin": ORIGIN,
            "key_id_preimage_hex": (ORIGIN.encode("utf-8") + b"\n\x01" + pub).hex(),
            "key_id": kid.hex(),
            "verifier_key": vkey,
        },
        "checkpoint": {
            "origin": ORIGIN,
            "tree_size": size,
            "root_hash": root.hex(),
            "root_base64": base64.b64encode(root).decode("ascii"),
            "body": body,
            "ed25519_signature": sig.hex(),
            "signature_line": sigline,
            "note": note,
        },
        "second_key": {
            "seed_derivation": "SHA-256(\"jiazhou test second key\")",
            "purpose": "an unrelated second Ed25519 signer (signature type 0x01), for notes with more than one signature",
            "seed": SECOND_SEED.hex(),
            "public_key": second_pub.hex(),
            "name": SECOND_NAME,
            "key_id": key_id(SECOND_NAME, second_pub).hex(),
            "verifier_key": second_vkey,
        },
        "notes_that_verify": positives + go_pos,
        "notes_that_must_not_verify": negative_out + go_neg,
        "notes_parse_only": parse_only,
        "ed25519_known_answers": [
            dict(t, source="RFC 8032 §7.1, https://www.rfc-editor.org/rfc/rfc8032#section-7.1") for t in RFC8032_TESTS
        ],
    }
    return chain, checkpoint


# ---------------------------------------------------------------------------


def main():
    canonical = build_canonical()
    merkle = build_merkle()
    chain, checkpoint = build_chain_and_checkpoint()
    written = [
        write_json("canonical.json", canonical),
        write_json("merkle.json", merkle),
        write_json("chain.json", chain),
        write_json("checkpoint.json", checkpoint),
    ]
    # Re-read what was written and re-check the essentials from the files.
    for path in written:
        with open(path, encoding="utf-8") as f:
            json.load(f)
    with open(os.path.join(HERE, "canonical.json"), encoding="utf-8") as f:
        for c in json.load(f)["cases"]:
            assert canonical_bytes(parse(c["input"])).decode("utf-8") == c["canonical"]
    for path in written:
        with open(path, "rb") as f:
            print("%s  %s" % (hashlib.sha256(f.read()).hexdigest(), os.path.relpath(path)))
    return 0


def check_ledger():
    """Checks ledger.json, which jiazhou itself writes (LedgerVectorTests),
    with nothing of jiazhou's: every entry parses with the strict parser and
    is its own RFC 8785 form, links to the one before it, has the stated leaf
    hash, the roots are RFC 9162's, and the checkpoint's signature verifies
    with the verifier key that genesis names."""
    check_rfc8032()
    with open(os.path.join(HERE, "ledger.json"), encoding="utf-8") as f:
        vectors = json.load(f)
    hashes, prev = [], ZERO_HASH
    for seq, item in enumerate(vectors["entries"]):
        cb = item["canonical"].encode("utf-8")
        entry = parse(item["canonical"])
        assert canonical_bytes(entry) == cb, "entry %d is not in canonical form" % seq
        assert entry["seq"] == seq and entry["prev"] == prev and entry["v"] == 1, "entry %d: seq, prev or v" % seq
        h = leaf_hash(cb)
        assert h.hex() == item["leaf_hash"], "entry %d: leaf hash" % seq
        hashes.append(h)
        prev = h.hex()
        assert sum(p["points"] for p in entry["postings"]) >= 0
    genesis = parse(vectors["entries"][0]["canonical"])
    assert genesis["kind"] == "genesis" and genesis["data"]["verifier_key"] == vectors["verifier_key"]
    for root in vectors["roots"]:
        assert mth(hashes[: root["size"]]).hex() == root["root"], "root at size %d" % root["size"]
    body, names = open_note(vectors["checkpoint"], [vectors["verifier_key"]])
    assert names == [vectors["origin"]]
    origin, size, root64 = body.rstrip("\n").split("\n")
    assert origin == vectors["origin"] and int(size) == len(hashes) and base64.b64decode(root64) == mth(hashes)
    print("ledger.json: %d entries, root and checkpoint check out" % len(hashes))
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check-ledger"]:
        sys.exit(check_ledger())
    sys.exit(main())
