"""Each role's main path in a real browser, and the bad inputs of issue 16."""
import copy
import io
import json
import re
import time
import zipfile

import pytest

from playwright.sync_api import expect

from conftest import ARTIFACTS, COORDINATOR, MERCHANT, PHONE, RELATIVE, VOLUNTEER, cli, shot


def spendable(page):
    return int(page.locator("#spendable").inner_text())


def redemptions_of(server, ledger, volunteer):
    history = server.api("GET", f"/v1/accounts/{volunteer}/history?limit=1000", ledger.tokens["operator:root"])
    return [row for row in history["entries"] if row["kind"] == "redeem"]


def show_code(page):
    page.click("#show-code")
    expect(page.locator("#code")).to_have_text(re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    expect(page.locator("#code-area img")).to_be_visible()
    return page.locator("#code").inner_text()


def test_a_volunteer_shows_a_code_a_merchant_redeems_it_and_the_balance_drops(server, ledger, phone):
    volunteer = phone()
    volunteer.goto(server.link(ledger.tokens[VOLUNTEER]))
    expect(volunteer.locator("#spendable")).to_be_visible()
    assert "#t=" not in volunteer.url, "the token leaves the address bar"
    shot(volunteer, "volunteer")
    before = spendable(volunteer)
    assert before >= 10
    code = show_code(volunteer)
    # The QR code is the server's encoder's SVG of the very code.
    volunteer.wait_for_function("() => document.querySelector('#code-area img').naturalWidth > 0")
    shot(volunteer, "volunteer-code")

    till = phone()
    till.goto(server.link(ledger.tokens[MERCHANT]))
    till.fill("#till-code", code.lower())
    till.fill("#till-points", "7")
    shot(till, "merchant-till")
    till.click("#redeem")
    expect(till.locator("#till-result")).to_contain_text("兑换成功")
    expect(till.locator("#till-result")).to_contain_text(f"还剩 {before - 7} 分")
    expect(till.locator("#today li")).to_have_count(1)
    shot(till, "merchant-redeemed")

    # The volunteer's page reads the balance again while the code shows.
    expect(volunteer.locator("#spendable")).to_have_text(str(before - 7), timeout=10_000)
    expect(volunteer.locator("#code-news")).to_contain_text("用掉 7 分")

    # The same code again: refused, in plain words.
    till.fill("#till-code", code)
    till.fill("#till-points", "1")
    till.click("#redeem")
    expect(till.locator("#till-result")).to_contain_text("这个兑换码已经用过了")
    shot(till, "merchant-refused")


def till_with_a_fresh_code(server, ledger, phone, points):
    """A till with a volunteer's new code and `points` typed in, and the volunteer's redemptions so far."""
    volunteer = phone()
    volunteer.goto(server.link(ledger.tokens[VOLUNTEER]))
    code = show_code(volunteer)
    before = len(redemptions_of(server, ledger, VOLUNTEER))
    till = phone()
    till.goto(server.link(ledger.tokens[MERCHANT]))
    till.fill("#till-code", code)
    till.fill("#till-points", str(points))
    return till, code, before


def test_a_double_tap_on_redeem_redeems_once(server, ledger, phone):
    till, code, before = till_with_a_fresh_code(server, ledger, phone, points=2)
    # Two taps the browser delivers before the first answer arrives.
    till.evaluate("() => { const b = document.querySelector('#redeem'); b.click(); b.click(); }")
    expect(till.locator("#till-result")).to_contain_text("兑换成功")
    time.sleep(1)
    assert len(redemptions_of(server, ledger, VOLUNTEER)) == before + 1


def test_a_lost_answer_is_retried_with_the_same_key_and_redeems_once(server, ledger, phone):
    till, code, before = till_with_a_fresh_code(server, ledger, phone, points=1)
    # The request reaches the server, but its answer is lost on the way back.
    def lose_answer(route):
        route.fetch()
        route.abort()
    till.route("**/v1/redemptions", lose_answer)
    till.click("#redeem")
    expect(till.locator("#notice")).to_contain_text("连不上服务器")
    assert till.input_value("#till-code") == code, "what was typed stays"
    shot(till, "merchant-network-failure")
    till.unroute("**/v1/redemptions")
    till.click("#notice button")
    expect(till.locator("#till-result")).to_contain_text("兑换成功")
    assert len(redemptions_of(server, ledger, VOLUNTEER)) == before + 1


SERVER_ERROR = '{"error":{"reason":"storage_unavailable","message":"busy"}}'


@pytest.mark.parametrize(
    "failure, words",
    [
        (lambda route: route.fulfill(status=503, content_type="application/json", body=SERVER_ERROR), "服务器暂时出错了"),
        (lambda route: route.abort("connectionrefused"), "连不上服务器"),
    ],
    ids=["server-error", "server-down"],
)
def test_a_failure_offers_to_try_again_and_keeps_what_was_typed(server, ledger, phone, failure, words):
    page = phone()
    page.goto(server.link(ledger.tokens[COORDINATOR]))
    expect(page.locator("#award")).to_be_visible()
    page.fill("#award-volunteer", "V000002")
    page.fill("#award-activity", "visit-while-down")
    page.route("**/v1/**", failure)
    page.click("#award button[type=submit]")
    expect(page.locator("#notice")).to_contain_text(words)
    expect(page.locator("#notice button")).to_have_text("再试一次")
    assert page.input_value("#award-volunteer") == "V000002"
    assert page.input_value("#award-activity") == "visit-while-down"


def test_a_coordinator_awards_and_reverses(server, ledger, phone):
    page = phone()
    page.goto(server.link(ledger.tokens[COORDINATOR]))
    expect(page.locator("#budget-used")).to_be_visible()
    used_before = int(page.locator("#budget-used").inner_text())
    page.fill("#award-volunteer", "V000002")
    page.fill("#award-activity", "browser-home-visit")
    page.select_option("#award-category", "home_visit")
    page.fill("#award-minutes", "90")
    page.click("#award button[type=submit]")
    expect(page.locator("#award-result")).to_contain_text("已发放")
    seq = re.search(r"记录号 (\d+)", page.locator("#award-result").inner_text()).group(1)
    points = int(re.search(r"已发放 (\d+) 分", page.locator("#award-result").inner_text()).group(1))
    page.click("#budget button[type=submit]") if page.locator("#budget button").count() else None
    page.locator("form:has(#budget-scope) button").click()
    expect(page.locator("#budget-used")).to_have_text(str(used_before + points))
    shot(page, "coordinator-awarded")
    page.fill("#reverse-seq", seq)
    page.fill("#reverse-reason", "签到表记错了人")
    page.click("#reverse button[type=submit]")
    expect(page.locator("#reverse-result")).to_contain_text("已撤销")
    # A second reversal of the same award is refused, in plain words.
    page.fill("#reverse-reason", "再撤一次")
    page.click("#reverse button[type=submit]")
    expect(page.locator("#reverse-result")).to_contain_text("已经撤销过了")
    shot(page, "coordinator-reversed")
    assert page.locator("#sheet-award").is_visible(), "the section where the sheet upload will go"


def test_the_public_page_verifies_a_real_statement_and_refuses_a_tampered_one(server, ledger, phone, tmp_path):
    statement = server.api("GET", f"/v1/statements/{VOLUNTEER}", ledger.tokens[VOLUNTEER])
    real = tmp_path / "statement.json"
    real.write_text(json.dumps(statement), encoding="utf-8")
    page = phone()
    page.goto(server.base + "/#public")
    expect(page.locator("#size")).to_have_text(re.compile(r"^\d+$"))
    page.set_input_files("#statement-file", str(real))
    expect(page.locator("#verdict")).to_contain_text("证明是真的")
    shot(page, "public-verified")

    tampered = copy.deepcopy(statement)
    award = next(item for item in tampered["entries"] if '"kind":"award"' in item["entry"])
    award["entry"] = re.sub(r'"minutes":(\d+)', lambda m: f'"minutes":{int(m.group(1)) * 10}', award["entry"], count=1)
    tampered["minutes"] += 9 * 180
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(tampered), encoding="utf-8")
    page.set_input_files("#statement-file", str(bad))
    expect(page.locator("#verdict")).to_contain_text("证明不成立")
    expect(page.locator("#verdict")).to_contain_text("不在签名的账本里")
    shot(page, "public-refused")

    forged = copy.deepcopy(statement)
    forged["checkpoint"] = forged["checkpoint"].replace("\n" + str(forged["size"]) + "\n", "\n" + str(forged["size"] + 1) + "\n", 1)
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    page.set_input_files("#statement-file", str(tmp_path / "forged.json"))
    expect(page.locator("#verdict")).to_contain_text("签名不对")


def test_the_certificate_prints_from_the_statement(server, ledger, phone):
    page = phone()
    page.goto(server.link(ledger.tokens[VOLUNTEER]))
    page.click("text=查看志愿服务证明")
    expect(page.locator("#certificate h1")).to_have_text("志愿服务证明")
    expect(page.locator("#certificate tbody tr")).to_have_count(2)
    expect(page.locator("#certificate tbody tr").first).to_contain_text("cleanup-0")
    expect(page.locator("#certificate tbody tr").first).to_contain_text("环境整治")
    expect(page.locator("#certificate-number")).to_have_count(0)
    shot(page, "certificate-draft")


def test_a_volunteer_gives_points_to_a_relative(server, ledger, phone):
    page = phone()
    page.goto(server.link(ledger.tokens[VOLUNTEER]))
    before = spendable(page)
    page.fill("#gift-to", "V000002")
    page.fill("#gift-points", "1")
    page.click("#gift-send")
    expect(page.locator("#gift-result")).to_contain_text("已转赠 1 分")
    # A gift over the day's limit is refused, in plain words.
    page.fill("#gift-points", "100000")
    page.click("#gift-send")
    expect(page.locator("#gift-result")).not_to_contain_text("已转赠")
    page.reload()
    expect(page.locator("#spendable")).to_have_text(str(before - 1))


def test_a_revoked_token_shows_sign_in_with_the_reason(server, ledger, phone):
    token, token_id = ledger.token(RELATIVE)
    page = phone()
    page.goto(server.link(token))
    expect(page.locator("#spendable")).to_be_visible()
    cli("token", "revoke", "--db", ledger.db, str(token_id))
    time.sleep(1.2)  # the server re-reads a token's status within a second
    page.reload()
    expect(page.locator("form h1")).to_have_text("登录")
    expect(page.locator("#sign-in-reason")).to_contain_text("已停用")
    shot(page, "sign-in-revoked")
    assert page.evaluate("() => localStorage.getItem('jiazhou.token')") is None


def test_no_token_shows_sign_in_and_signing_out_forgets_the_token(server, ledger, phone):
    page = phone()
    page.goto(server.base + "/")
    expect(page.locator("form h1")).to_have_text("登录")
    shot(page, "sign-in")
    page.goto(server.link(ledger.tokens[VOLUNTEER]))
    expect(page.locator("#spendable")).to_be_visible()
    page.click("#sign-out")
    expect(page.locator("form h1")).to_have_text("登录")
    assert page.evaluate("() => localStorage.getItem('jiazhou.token')") is None
    page.goto(server.base + "/#t=jzt_not-a-real-token")
    expect(page.locator("#sign-in-reason")).to_contain_text("登录凭证不对")


def test_the_demo_serves_from_any_folder_with_a_link_for_each_role(tmp_path):
    import subprocess
    import urllib.request
    from conftest import BIN
    demo = subprocess.Popen([BIN, "demo", "--serve", "--port", "0"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        links = {}
        for line in demo.stdout:
            match = re.search(r"(volunteer|merchant|coordinator|operator)\s+(http://\S+/#t=(\S+))", line)
            if match:
                links[match.group(1)] = match.group(2)
            if len(links) == 4:
                break
        assert set(links) == {"volunteer", "merchant", "coordinator", "operator"}
        base, token = links["volunteer"].split("/#t=")
        request = urllib.request.Request(base + "/v1/session", headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["kind"] == "volunteer"
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            assert b"/js/main.js" in response.read()
    finally:
        demo.terminate()
        demo.wait(timeout=30)


def test_a_coordinator_uploads_a_gb18030_sheet_fixes_its_bad_row_and_awards_it(server, ledger, phone):
    """As Excel saves a sheet in a Chinese locale: GB18030, CRLF, a name column."""
    def sheet(minutes):
        text = f"志愿者编号,姓名,时长(分钟)\r\nV000001,张三,60\r\nV000002,李四,{minutes}\r\n"
        return {"name": "签到表.csv", "mimeType": "text/csv", "buffer": text.encode("gb18030")}

    def balance(volunteer):
        account = server.api("GET", f"/v1/accounts/{volunteer}", ledger.tokens["operator:root"])
        return account.get("spendable", account["balance"])

    before = {v: balance(v) for v in [VOLUNTEER, RELATIVE]}
    page = phone()
    page.goto(server.link(ledger.tokens[COORDINATOR]))
    expect(page.locator("#sheet-file")).to_be_visible()
    page.set_input_files("#sheet-file", files=[sheet("90分钟")])
    page.fill("#sheet-activity", "browser-sheet-cleanup")
    page.select_option("#sheet-category", "environment")
    expect(page.locator("#sheet-confirm")).to_be_disabled()
    page.click("#sheet-check")
    expect(page.locator("#sheet-summary")).to_contain_text("有 1 处问题")
    bad = page.locator("#sheet-rows tr.bad-row")
    expect(bad).to_have_count(1)
    expect(bad).to_have_attribute("data-row", "3")
    expect(bad).to_contain_text("整数分钟")
    expect(page.locator("#sheet-rows tr.good-row")).to_have_count(1)
    expect(page.locator("#sheet-confirm")).to_be_disabled()
    shot(page, "coordinator-sheet-bad-row")
    page.locator("#sheet-award").screenshot(path=str(ARTIFACTS / "coordinator-sheet-bad-row-section.png"))
    assert {v: balance(v) for v in before} == before, "a sheet with a bad row writes nothing"
    # The problems as a workbook, to fix the sheet beside it in Excel.
    with page.expect_download() as download:
        page.click("#sheet-problems")
    assert download.value.suggested_filename == "problems.xlsx"
    problems = workbook_text(download.value.path())
    assert "bad_minutes" in problems and "行 row" in problems, problems

    page.set_input_files("#sheet-file", files=[sheet("90")])
    expect(page.locator("#sheet-confirm")).to_be_disabled()
    page.click("#sheet-check")
    expect(page.locator("#sheet-summary")).to_contain_text("每一行都没问题")
    expect(page.locator("#sheet-summary")).to_contain_text("GB18030")
    expect(page.locator("#sheet-rows tr.good-row")).to_have_count(2)
    assert {v: balance(v) for v in before} == before, "a check writes nothing"
    shot(page, "coordinator-sheet-checked")
    # A double tap awards once: the second tap finds the button busy, and
    # the sheet's own key would make a second request write nothing anyway.
    page.locator("#sheet-confirm").dblclick()
    expect(page.locator("#sheet-summary")).to_contain_text("已发放")
    points = int(re.search(r"已发放 (\d+) 分", page.locator("#sheet-summary").inner_text()).group(1))
    assert points > 0
    shot(page, "coordinator-sheet-awarded")
    page.locator("#sheet-award").screenshot(path=str(ARTIFACTS / "coordinator-sheet-awarded-section.png"))
    after = {v: balance(v) for v in before}
    assert sum(after[v] - before[v] for v in before) == points, (before, after, points)

    volunteer = phone()
    volunteer.goto(server.link(ledger.tokens[VOLUNTEER]))
    expect(volunteer.locator("#spendable")).to_have_text(str(after[VOLUNTEER]))
    assert after[VOLUNTEER] > before[VOLUNTEER]
    shot(volunteer, "volunteer-after-sheet")

    # The same file chosen again is recognised: nothing is awarded twice.
    page.click("#sheet-check")
    expect(page.locator("#sheet-summary")).to_contain_text("已经发放过了")
    assert {v: balance(v) for v in before} == after

    # The month's report for the scope, as the Excel file `jiazhou report scope` writes.
    with page.expect_download() as download:
        page.click("#report-download")
    expect(page.locator("#report-result")).to_contain_text("报表已下载")
    assert download.value.suggested_filename.endswith(".xlsx")
    report = workbook_text(download.value.path())
    assert "volunteer:V000001" in report and "合计 total" in report, report


# Records what the sheet's progress bar and its words show, as they change.
WATCH_PROGRESS = """() => {
  window.progressSeen = [];
  new MutationObserver(() => {
    const bar = document.querySelector("#sheet-progress");
    const label = document.querySelector("#sheet-progress-label");
    if (bar) window.progressSeen.push([Number(bar.getAttribute("value")), label ? label.textContent : ""]);
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}"""


def test_a_big_sheet_shows_its_upload_progress_then_the_check(server, ledger, phone):
    """A 5,000-row sheet: the bar climbs to 100% while the file goes up, then
    says the rows are being checked, then the answer replaces it."""
    rows = "".join(f"V{n % 5 + 1:06d},{30 + n % 90}\r\n" for n in range(5000))
    big = {"name": "大表.csv", "mimeType": "text/csv", "buffer": ("志愿者编号,时长(分钟)\r\n" + rows).encode("utf-8")}
    page = phone()
    page.goto(server.link(ledger.tokens[COORDINATOR]))
    expect(page.locator("#sheet-file")).to_be_visible()
    page.set_input_files("#sheet-file", files=[big])
    page.fill("#sheet-activity", "browser-big-sheet")
    page.evaluate(WATCH_PROGRESS)
    page.click("#sheet-check")
    expect(page.locator("#sheet-summary")).to_be_visible(timeout=60_000)
    expect(page.locator("#sheet-progress")).to_have_count(0)
    seen = page.evaluate("window.progressSeen")
    assert seen and seen[0] == [0, "正在上传……"], seen[:3]
    assert [100, "正在检查每一行……"] in seen, seen[-3:]
    values = [value for value, _ in seen]
    assert values == sorted(values), "the bar never goes back"


def workbook_text(path):
    """Every XML part of an .xlsx, as one text: enough to find a cell's words."""
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


# A BarcodeDetector that reads the volunteer's code from any playing video:
# Debian's Chromium has none (the Shape Detection API is not on Linux), and
# its fake camera shows a test pattern, not a phone; the page's own scanning
# loop, camera and form run for real.
STUB_DETECTOR = """
window.BarcodeDetector = class {
  constructor(options) { this.formats = options.formats; }
  async detect(source) {
    if (!(source instanceof HTMLVideoElement) || source.readyState < 2 || !this.formats.includes("qr_code")) return [];
    return [{ format: "qr_code", rawValue: CODE }];
  }
};
"""


def test_a_till_scans_the_code_where_the_browser_can_and_types_it_elsewhere(server, ledger, phone, browser):
    volunteer = phone()
    volunteer.goto(server.link(ledger.tokens[VOLUNTEER]))
    code = show_code(volunteer)

    plain = phone()
    plain.goto(server.link(ledger.tokens[MERCHANT]))
    expect(plain.locator("#till-code")).to_be_visible()
    assert plain.locator("#scan").count() == 0, "no scan button where the browser cannot scan"

    context = browser.new_context(viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", permissions=["camera"])
    errors = []
    try:
        context.add_init_script(STUB_DETECTOR.replace("CODE", json.dumps(code.lower())))
        till = context.new_page()
        till.on("pageerror", lambda error: errors.append(str(error)))
        till.goto(server.link(ledger.tokens[MERCHANT]))
        till.click("#scan")
        expect(till.locator("#till-code")).to_have_value(code)
        expect(till.locator("#scan-status")).to_have_text("已扫到兑换码")
        assert till.evaluate("() => document.querySelector('#scan-video').srcObject === null"), "the camera is let go"
        shot(till, "merchant-scanned")
        till.fill("#till-points", "1")
        till.click("#redeem")
        expect(till.locator("#till-result")).to_contain_text("兑换成功")
    finally:
        context.close()
    assert errors == [], errors


NUMBER = re.compile(r"^JZ(-[0-9A-HJKMNP-TV-Z]{4}){7}$")


def awards_of(server, ledger):
    statement = server.api("GET", f"/v1/statements/{VOLUNTEER}", ledger.tokens[VOLUNTEER])
    return sum(1 for item in statement["entries"] if '"kind":"award"' in item["entry"])


def issue_on_the_page(server, ledger, phone):
    """The volunteer opens the certificate and presses 开具证明: the number it prints."""
    page = phone()
    page.goto(server.link(ledger.tokens[VOLUNTEER]))
    page.click("text=查看志愿服务证明")
    page.click("#issue")
    expect(page.locator("#certificate-number")).to_have_text(NUMBER)
    return page, page.locator("#certificate-number").inner_text()


def test_a_volunteer_issues_a_numbered_certificate_with_office_date_and_qr(server, ledger, phone):
    page, number = issue_on_the_page(server, ledger, phone)
    expect(page.locator("#certificate-office")).to_have_text("乐山市市中区“嘉州积分”志愿服务平台")
    expect(page.locator("#certificate-date")).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    expect(page.locator("#certificate tbody tr")).to_have_count(awards_of(server, ledger))
    qr = page.locator(".check-qr img")
    expect(qr).to_be_visible()
    # The image is fetched after the page shows it: wait for it (a failed load never gets a width).
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle(), timeout=10_000)
    assert f"/#check={number}" in __import__("urllib.parse").parse.unquote(qr.get_attribute("src")), "the QR code is the check link"
    expect(page.locator("#issue")).to_have_count(0)
    shot(page, "certificate")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})
    page.screenshot(path=str(ARTIFACTS / "certificate-a4.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / "certificate.pdf"), format="A4")


def test_the_printed_number_opens_a_verified_check_in_a_fresh_browser_without_a_token(server, ledger, phone):
    _, number = issue_on_the_page(server, ledger, phone)
    stranger = phone()
    stranger.goto(f"{server.base}/#check={number}")
    expect(stranger.locator("#verdict")).to_contain_text("证明是真的")
    expect(stranger.locator("#check-number")).to_have_text(number)
    expect(stranger.locator("#check-office")).to_have_text("乐山市市中区“嘉州积分”志愿服务平台")
    expect(stranger.locator("#check-volunteer")).to_contain_text("V000001")
    minutes = server.api("GET", f"/v1/statements/{VOLUNTEER}", ledger.tokens[VOLUNTEER])["minutes"]
    expect(stranger.locator("#check-hours")).to_contain_text(f"{minutes // 60} 小时 {minutes % 60} 分钟")
    expect(stranger.locator("#check tbody tr")).to_have_count(awards_of(server, ledger))
    assert stranger.evaluate("localStorage.getItem('jiazhou.token')") is None, "the stranger holds no token"
    shot(stranger, "check-verified")


def test_a_tampered_stored_certificate_shows_failed_and_an_unknown_number_is_not_found(server, ledger, phone):
    import hashlib
    import sqlite3

    issued = server.api("POST", "/v1/certificates", ledger.tokens[VOLUNTEER], {"volunteer": VOLUNTEER})
    number = issued["number"]
    assert NUMBER.match(number)
    with sqlite3.connect(ledger.db) as db:
        digest = hashlib.sha256(number.encode()).digest()
        (stored,) = db.execute("SELECT statement FROM certificates WHERE number_hash = ?", (digest,)).fetchone()
        assert number.encode() not in stored and number.replace("-", "")[2:].encode() not in stored
        tampered = stored.replace(b'\\"minutes\\":180', b'\\"minutes\\":1800', 1)
        assert tampered != stored
        db.execute("UPDATE certificates SET statement = ? WHERE number_hash = ?", (tampered, digest))
    page = phone()
    page.goto(f"{server.base}/#check={number}")
    expect(page.locator("#verdict")).to_contain_text("证明不成立")
    expect(page.locator("#verdict")).to_contain_text("不在签名的账本里")
    shot(page, "check-refused")

    page.goto(f"{server.base}/#check=JZ-0000-0000-0000-0000-0000-0000-0000")
    expect(page.locator("#verdict")).to_contain_text("没有这个编号的证明")
    page.goto(f"{server.base}/#check=not-a-number")
    expect(page.locator("#verdict")).to_contain_text("这不是一个证明编号")

