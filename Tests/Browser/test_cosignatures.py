"""The witnesses' cosignatures on the check pages: a ledger cosigned by a real
`jiazhou witness serve` (Swift's signatures, checked by the page's WebCrypto),
tampered lines, keys swapped, and C2SP's known answers (Ledger/vectors)."""
import base64
import copy
import datetime
import json
import pathlib
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from conftest import ROOT, VOLUNTEER, cli, shot

VECTORS = json.loads((ROOT / "Ledger/vectors/cosignature.json").read_text(encoding="utf-8"))


def statement_of(server, ledger):
    return server.api("GET", f"/v1/statements/{VOLUNTEER}", ledger.tokens[VOLUNTEER])


def with_blob_byte_flipped(statement, witness, offset):
    """`statement` with one byte of `witness`'s cosignature blob flipped:
    key id 0–3, timestamp 4–11 (big-endian), signature 12–75."""
    lines = statement["checkpoint"].split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"\u2014 {witness.name} "))
    dash, name, text = lines[index].split(" ")
    blob = bytearray(base64.b64decode(text))
    assert len(blob) == 76, "key id, timestamp and signature"
    blob[offset] ^= 0x01
    lines[index] = f"{dash} {name} {base64.b64encode(bytes(blob)).decode()}"
    changed = copy.deepcopy(statement)
    changed["checkpoint"] = "\n".join(lines)
    return changed


def drop(page, statement, path):
    path.write_text(json.dumps(statement), encoding="utf-8")
    page.set_input_files("#statement-file", str(path))


def test_the_check_page_says_a_real_witnesss_cosignature_is_valid_with_its_time(witnessed, phone):
    ledger, server, witness = witnessed
    info = server.api("GET", "/v1/info")
    assert [w["verifier_key"] for w in info["witnesses"]] == [witness.verifier_key]
    number = server.api("POST", "/v1/certificates", ledger.tokens[VOLUNTEER], {"volunteer": VOLUNTEER})["number"]
    page = phone()
    page.goto(f"{server.base}/#check={number}")
    expect(page.locator("#verdict")).to_contain_text("证明是真的")
    expect(page.locator("#verdict")).to_contain_text("1 个见证方的副签也核对无误")
    expect(page.locator("#witness-keys")).to_have_value(witness.verifier_key)
    valid = page.locator("#witness-results li[data-state=valid]")
    expect(valid).to_have_count(1)
    expect(valid).to_contain_text(witness.name)
    cosigned = datetime.datetime.fromtimestamp(info["witnesses"][0]["timestamp"], ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    expect(valid).to_contain_text(f"副签有效（{cosigned} 签）")
    shot(page, "check-cosigned")


@pytest.mark.parametrize("offset, part", [(11, "timestamp"), (40, "signature")])
def test_a_flipped_cosignature_byte_fails_the_statement_and_names_the_witness(witnessed, phone, tmp_path, offset, part):
    ledger, server, witness = witnessed
    statement = statement_of(server, ledger)
    page = phone()
    page.goto(server.base + "/#public")
    drop(page, statement, tmp_path / "statement.json")
    expect(page.locator("#verdict")).to_contain_text("1 个见证方的副签也核对无误")
    drop(page, with_blob_byte_flipped(statement, witness, offset), tmp_path / f"{part}.json")
    expect(page.locator("#verdict")).to_contain_text("证明不成立")
    expect(page.locator("#verdict")).to_contain_text(f"见证方 {witness.name} 的副签不对")
    expect(page.locator("#witness-results li[data-state=invalid]")).to_contain_text(witness.name)
    if part == "signature":
        shot(page, "public-cosignature-refused")
        # Without the witness's key the same file is checked again: its line is only not checkable.
        page.locator("#witness-keys").fill("")
        page.locator("#witness-keys").dispatch_event("change")
        expect(page.locator("#verdict")).to_contain_text("证明是真的")
        expect(page.locator("#witness-results li[data-state=unchecked]")).to_contain_text(witness.name)


def test_a_flipped_key_id_byte_leaves_the_witness_not_cosigned_and_the_line_not_checkable(witnessed, phone, tmp_path):
    ledger, server, witness = witnessed
    page = phone()
    page.goto(server.base + "/#public")
    drop(page, with_blob_byte_flipped(statement_of(server, ledger), witness, 0), tmp_path / "key-id.json")
    # The line is now another key's (C2SP: lines of unknown keys are ignored); the witness's own line is gone.
    expect(page.locator("#verdict")).to_contain_text("证明是真的")
    expect(page.locator("#verdict")).not_to_contain_text("见证方的副签也核对无误")
    expect(page.locator("#witness-results li[data-state=missing]")).to_contain_text("这份证明里没有它的副签")
    expect(page.locator("#witness-results li[data-state=unchecked]")).to_contain_text(witness.name)


def test_another_witness_key_makes_the_line_not_checkable_and_that_key_not_cosigned(witnessed, phone, tmp_path):
    ledger, server, witness = witnessed
    other = cli("witness", "init", "--key", str(tmp_path / "other.key"), "--name", "browser.test/w2").strip()
    impostor = cli("witness", "init", "--key", str(tmp_path / "impostor.key"), "--name", witness.name).strip()
    number = server.api("POST", "/v1/certificates", ledger.tokens[VOLUNTEER], {"volunteer": VOLUNTEER})["number"]
    page = phone()
    page.goto(f"{server.base}/#check={number}")
    expect(page.locator("#witness-results li[data-state=valid]")).to_have_count(1)

    keys = page.locator("#witness-keys")
    for key, name in [(other, "browser.test/w2"), (impostor, witness.name)]:
        keys.fill(key)
        keys.dispatch_event("change")
        expect(page.locator("#witness-results li[data-state=missing]")).to_contain_text(name)
        expect(page.locator("#witness-results li[data-state=unchecked]")).to_contain_text(witness.name)
        expect(page.locator("#witness-results li[data-state=unchecked]")).to_contain_text("无法核对")
        expect(page.locator("#verdict")).to_contain_text("证明是真的")
        expect(page.locator("#verdict")).not_to_contain_text("见证方的副签也核对无误")

    keys.fill(witness.verifier_key + "\nnot a key")
    keys.dispatch_event("change")
    expect(page.locator("#verdict")).to_contain_text("证明不成立")
    expect(page.locator("#verdict")).to_contain_text("见证方公钥第 2 行的格式不对")
    expect(page.locator("#witness-results li[data-state=valid]")).to_contain_text(witness.name)

    keys.fill(witness.verifier_key)
    keys.dispatch_event("change")
    expect(page.locator("#verdict")).to_contain_text("1 个见证方的副签也核对无误")


CHECK_VECTORS = """async (vectors) => {
  const { checkCosignatures, parseWitnessKey } = await import("/js/cosignature.js");
  const { parseVerifierKey } = await import("/js/verify.js");
  const keys = await Promise.all(vectors.witnesses.map((w) => parseWitnessKey(w.verifier_key)));
  const ledger = await parseVerifierKey(vectors.checkpoint.log_verifier_key);
  const states = async (note, given, ledgerKey) =>
    (await checkCosignatures(note, given, ledgerKey)).witnesses.map((w) => [w.witness, w.state, w.time ?? null]);
  return {
    ids: keys.map((k) => k.witness),
    lines: await Promise.all(vectors.cosignatures.map((c) => states(vectors.checkpoint.body + "\\n" + c.line, [keys[c.witness]], null))),
    both: await states(vectors.cosigned_note, keys, ledger),
    unkeyed: await states(vectors.cosigned_note, [], null),
    rejects: await Promise.all(vectors.rejects.map((r) => states((r.body || vectors.checkpoint.body) + "\\n" + r.line, [keys[r.witness]], null))),
    badKeys: await Promise.all([
      vectors.witnesses[0].verifier_key.replace("+dd1626a3+", "+dd1626a4+"),
      vectors.checkpoint.log_verifier_key,
    ].map((text) => parseWitnessKey(text).then(() => "parsed", (error) => error.message))),
  };
}"""


def test_the_page_checks_the_c2sp_known_answers_as_swift_does(server, phone):
    """Ledger/vectors/cosignature.json, which Swift's tests check too (generated with Python's cryptography)."""
    page = phone()
    page.goto(server.base + "/#public")
    expect(page.locator("#size")).to_have_text(re.compile(r"^\d+$"))
    got = page.evaluate(CHECK_VECTORS, VECTORS)
    ids = [f"{w['name']}+{w['key_id']}" for w in VECTORS["witnesses"]]
    assert got["ids"] == ids
    assert got["lines"] == [[[ids[c["witness"]], "valid", c["timestamp"]]] for c in VECTORS["cosignatures"]]
    assert got["both"] == [[ids[0], "valid", 1679315147], [ids[1], "valid", 1796000000]]
    origin = VECTORS["checkpoint"]["log_verifier_key"].split("+")
    assert got["unkeyed"] == [[f"{origin[0]}+{origin[1]}", "unchecked", None], [ids[0], "unchecked", None], [ids[1], "unchecked", None]]
    assert got["rejects"] == [[[ids[r["witness"]], "invalid", None]] for r in VECTORS["rejects"]]
    assert got["badKeys"] == ["的密钥号与密钥不符", "不是见证方的 Ed25519 公钥（cosignature/v1）"]
