"""A real ledger made with the jiazhou CLI, a real `jiazhou serve` on a
loopback port, and Debian's Chromium driven by Playwright.

JIAZHOU_BIN names the binary (default .build/debug/jiazhou); CHROMIUM the
browser (default /usr/bin/chromium). Screenshots at 390x844 go to
Tests/Browser/artifacts/ (not committed)."""
import datetime
import json
import os
import pathlib
import re
import subprocess
import tempfile
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("JIAZHOU_BIN", str(ROOT / ".build/debug/jiazhou"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = pathlib.Path(__file__).resolve().parent / "artifacts"
PHONE = {"width": 390, "height": 844}

VOLUNTEER = "volunteer:V000001"
RELATIVE = "volunteer:V000002"
MERCHANT = "merchant:test-shop"
COORDINATOR = "coordinator:office-shizhong"


def cli(*args, stdin=None):
    done = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"jiazhou {' '.join(args)}: {done.stderr}"
    return done.stdout


class Ledger:
    """The test district: one issuer, a coordinator, two volunteers with
    spendable points (rules without public notice) and a shop."""

    def __init__(self, folder):
        self.folder = folder
        self.db = os.path.join(folder, "ledger.sqlite")
        rules = (ROOT / "seeds/rules/shizhong.yaml").read_text(encoding="utf-8")
        rules = re.sub(r"^pending_days:.*$", "pending_days: 0", rules, flags=re.M)
        rules_path = os.path.join(folder, "rules.yaml")
        pathlib.Path(rules_path).write_text(rules, encoding="utf-8")
        cli("init", "--db", self.db, "--origin", "browser.test/shizhong", "--district", "shizhong", "--rules", rules_path)
        self.rpc(
            ("account.open", {"account": "issuer:shizhong", "scope": "shizhong", "budget": 100000}),
            ("account.open", {"account": COORDINATOR, "scope": "shizhong"}),
            ("account.open", {"account": VOLUNTEER, "scope": "shizhong/tongjiang", "tags": ["silver_age"]}),
            ("account.open", {"account": RELATIVE, "scope": "shizhong/tongjiang", "tags": ["silver_age"]}),
            ("account.open", {"account": MERCHANT, "scope": "shizhong/tongjiang"}),
        )
        start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)).replace(microsecond=0)
        for n, volunteer in enumerate([VOLUNTEER, VOLUNTEER, RELATIVE]):
            activity = {"id": f"cleanup-{n}", "category": "environment", "minutes": 180, "start": start.isoformat(), "scope": "shizhong", "tags": []}
            self.rpc(("award", {"volunteer": volunteer, "activity": activity}))
        self.tokens = {p: cli("token", "create", "--db", self.db, "--principal", p).strip() for p in [VOLUNTEER, RELATIVE, MERCHANT, COORDINATOR, "operator:root"]}

    def rpc(self, *calls):
        lines = [
            json.dumps({"jsonrpc": "2.0", "id": i, "method": m, "params": {"actor": "operator:root", "key": f"setup-{m}-{json.dumps(p, sort_keys=True)}"[:128], **p}})
            for i, (m, p) in enumerate(calls)
        ]
        out = cli("rpc", "--db", self.db, stdin="\n".join(lines) + "\n")
        answers = [json.loads(line) for line in out.splitlines() if line.strip()]
        for answer in answers:
            assert "result" in answer, answer
        return [a["result"] for a in answers]

    def token(self, principal):
        """A new token, and its id in `token list`."""
        token = cli("token", "create", "--db", self.db, "--principal", principal).strip()
        rows = [line.split() for line in cli("token", "list", "--db", self.db).splitlines()[1:]]
        return token, max(int(r[0]) for r in rows if r[1] == principal)


class Witness:
    """A real `jiazhou witness serve` of one ledger, its key made by `jiazhou witness init`."""

    def __init__(self, folder, db, name):
        key = os.path.join(folder, "witness.key")
        self.name = name
        self.verifier_key = cli("witness", "init", "--key", key, "--name", name).strip()
        info = cli("info", "--db", db)
        origin = re.search(r"^origin: +(\S+)$", info, re.M).group(1)
        ledger_key = re.search(r"^verifier key: (\S+)$", info, re.M).group(1)
        state = os.path.join(folder, "witness.sqlite")
        self.process = subprocess.Popen(
            [BIN, "witness", "serve", "--key", key, "--state", state, "--log", f"{origin}={ledger_key}", "--port", "0", "--log-level", "warning"],
            stderr=subprocess.PIPE, text=True,
        )
        line = self.process.stderr.readline()
        match = re.search(r"listening on (http://\S+) as (\S+)", line)
        assert match and match.group(2) == self.verifier_key, line
        self.url = match.group(1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Server:
    def __init__(self, db, witness=None):
        submit = ["--witness", f"{witness.url}={witness.verifier_key}", "--witness-poll", "0.1"] if witness else []
        self.process = subprocess.Popen([BIN, "serve", "--db", db, "--port", "0", "--log-level", "warning", *submit], stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, line
        self.base = match.group(1)

    def link(self, token):
        return f"{self.base}/#t={token}"

    def api(self, method, path, token=None, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = "Bearer " + token
        request = urllib.request.Request(self.base + path, method=method, headers=headers, data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def ledger():
    with tempfile.TemporaryDirectory(prefix="jiazhou-browser-") as folder:
        yield Ledger(folder)


@pytest.fixture(scope="session")
def server(ledger):
    running = Server(ledger.db)
    yield running
    running.stop()


def cosigned_latest(info):
    return any(w["size"] == info["size"] for w in info.get("witnesses", []))


@pytest.fixture(scope="module")
def witnessed(tmp_path_factory):
    """A second ledger, served with a real witness cosigning it: once the
    witness has cosigned its latest checkpoint, (ledger, server, witness)."""
    folder = str(tmp_path_factory.mktemp("witnessed"))
    ledger = Ledger(folder)
    witness = Witness(folder, ledger.db, "browser.test/w1")
    running = Server(ledger.db, witness)
    try:
        deadline = time.time() + 60
        while not cosigned_latest(running.api("GET", "/v1/info")):
            assert time.time() < deadline, "the witness did not cosign the ledger's checkpoint within 60 s"
            time.sleep(0.1)
        yield ledger, running, witness
    finally:
        running.stop()
        witness.stop()


@pytest.fixture(scope="session")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        # A fake camera (Chromium's test pattern), granted without a prompt: the till's scan button.
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh phone: its own storage, so that each test signs in itself. Page errors fail the test."""
    contexts, errors = [], []

    def make():
        context = browser.new_context(viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield make
    for context in contexts:
        context.close()
    assert errors == [], errors


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
