// The volunteer's page: points, hours and stars, history, the one-time code
// for a shop, a gift to a relative, and the certificate.
import { get, newKey, post, segment, wholeHistory } from "./api.js";
import { day, field, h, show, when } from "./dom.js";
import { clearNotice } from "./notice.js";
import { kinds, reasonText } from "./words.js";
import { certificatePage } from "./certificate.js";
import { ruleFacts } from "./rules.js";

const pageSize = 10;

export async function volunteerPage(app, context) {
  const me = context.session.principal;
  let account, history, facts;
  try {
    [account, history, facts] = await Promise.all([
      get(`/v1/accounts/${segment(me)}`),
      wholeHistory(me),
      get("/v1/rules").then((rules) => ruleFacts(rules.ruleset)),
    ]);
  } catch (error) {
    return context.failed(error, () => volunteerPage(app, context));
  }
  clearNotice();
  const balance = h("p", { class: "points", id: "spendable" }, String(account.spendable ?? account.balance));
  const codeArea = h("div", { id: "code-area" });
  const giftArea = h("div");
  const newestFirst = history.entries.slice().reverse();
  const list = h("div");
  let page = 0;
  const renderHistory = () => {
    const rows = newestFirst.slice(page * pageSize, (page + 1) * pageSize);
    show(
      list,
      rows.length === 0 ? h("p", {}, "还没有记录。") : h("ol", { class: "rows" }, rows.map((row) => historyRow(row))),
      h(
        "div",
        { class: "pager" },
        h("button", { type: "button", class: "quiet", disabled: page === 0, on: { click: () => { page--; renderHistory(); } } }, "较新"),
        h("span", {}, `第 ${page + 1} 页，共 ${Math.max(1, Math.ceil(newestFirst.length / pageSize))} 页`),
        h("button", { type: "button", class: "quiet", disabled: (page + 1) * pageSize >= newestFirst.length, on: { click: () => { page++; renderHistory(); } } }, "较早"),
      ),
    );
  };
  renderHistory();
  const noticeUntil = pendingUntil(history.entries, facts.pendingDays);
  show(
    app,
    h(
      "section",
      { class: "card" },
      h("h1", {}, "我的积分"),
      h("p", { class: "label" }, "现在可以用"),
      balance,
      account.pending ? h("p", { id: "pending" }, `公示中 ${account.pending} 分`, noticeUntil ? `，${day(noticeUntil)} 以后可以用` : "") : null,
      account.expiring_soon ? h("p", { class: "warn" }, `有 ${account.expiring_soon} 分将在 ${account.expiring_within_days} 天内过期，请尽早使用`) : null,
      h("p", { class: "facts" }, `服务时长 ${account.hours} 小时 · `, h("span", { class: "stars", "aria-label": `${account.stars} 星` }, account.stars ? "★".repeat(account.stars) : "暂无星级")),
      h("button", { type: "button", class: "big primary", id: "show-code", on: { click: () => showCode(me, codeArea, balance, context) } }, "出示兑换码"),
      codeArea,
    ),
    h("section", { class: "card" }, h("h2", {}, "积分记录"), list),
    facts.transferAllowed ? h("section", { class: "card" }, h("h2", {}, "转赠给亲属"), giftArea) : null,
    h(
      "section",
      { class: "card" },
      h("h2", {}, "志愿服务证明"),
      h("p", {}, "可以打印，也可以下载核验文件，任何人都能核对真假。"),
      h("button", { type: "button", class: "big", on: { click: () => certificatePage(app, context) } }, "查看志愿服务证明"),
    ),
  );
  if (facts.transferAllowed) giftForm(me, giftArea, context);
}

function historyRow(row) {
  const sign = row.points > 0 ? "+" : "";
  return h(
    "li",
    {},
    h("span", { class: "when" }, when(row.time)),
    h("span", { class: "what" }, kinds[row.kind] || row.kind, row.minutes ? `（${Math.floor(row.minutes / 60)} 小时 ${row.minutes % 60} 分）` : ""),
    h("span", { class: row.points < 0 ? "minus" : "plus" }, `${sign}${row.points}`),
  );
}

/// The latest end of a public notice among recent awards: the day the
/// last pending points become spendable.
function pendingUntil(entries, days) {
  if (!days) return null;
  const span = days * 24 * 3600 * 1000;
  let latest = null;
  for (const row of entries) {
    if (row.kind !== "award") continue;
    const end = new Date(row.time).getTime() + span;
    if (end > Date.now() && (latest === null || end > latest)) latest = end;
  }
  return latest === null ? null : new Date(latest).toISOString();
}

/// The one-time code, in big digits and as a QR code drawn by the server's
/// encoder, with a countdown; a fresh one when it runs out. While it shows,
/// the balance is read again every few seconds, so that the volunteer sees
/// the shop's redemption at once.
async function showCode(me, area, balance, context) {
  let timer = null;
  const stop = () => { clearInterval(timer); timer = null; show(area); };
  const issue = async () => {
    let code;
    try {
      code = await post("/v1/redemption-codes", { volunteer: me });
    } catch (error) {
      clearInterval(timer);
      if (error.kind === "refused") return show(area, h("p", { class: "bad", role: "alert" }, reasonText(error.reason)));
      return context.failed(error, issue);
    }
    const left = h("p", { class: "countdown", id: "countdown" });
    const used = h("p", { class: "good", id: "code-news", role: "status" });
    show(
      area,
      h(
        "div",
        { class: "code" },
        h("p", { class: "label" }, "请把这个码给店员看"),
        h("p", { class: "digits", id: "code" }, code.code),
        h("img", { src: `/v1/qr?text=${encodeURIComponent(code.code)}`, alt: `兑换码 ${code.code}`, width: 240, height: 240 }),
        left,
        used,
        h("button", { type: "button", class: "quiet", on: { click: stop } }, "收起"),
      ),
    );
    area.scrollIntoView({ block: "start" });
    const expires = new Date(code.expires).getTime();
    const before = Number(balance.textContent);
    let tick = 0;
    clearInterval(timer);
    timer = setInterval(async () => {
      const seconds = Math.max(0, Math.round((expires - Date.now()) / 1000));
      left.textContent = `还有 ${Math.floor(seconds / 60)} 分 ${String(seconds % 60).padStart(2, "0")} 秒有效`;
      if (seconds === 0) { clearInterval(timer); issue(); return; }
      if (++tick % 3 !== 0) return;
      try {
        const account = await get(`/v1/accounts/${segment(me)}`);
        const now = account.spendable ?? account.balance;
        balance.textContent = String(now);
        if (now < before) used.textContent = `刚刚用掉 ${before - now} 分，还剩 ${now} 分`;
      } catch (error) {
        // The next tick reads again; the code on screen stays valid meanwhile.
      }
    }, 1000);
    left.textContent = "";
  };
  issue();
}

function giftForm(me, area, context) {
  const to = h("input", { type: "text", id: "gift-to", inputmode: "text", autocomplete: "off", placeholder: "例如 V000123" });
  const points = h("input", { type: "number", id: "gift-points", inputmode: "numeric", min: 1, step: 1 });
  const note = h("input", { type: "text", maxlength: 60, placeholder: "例如 给妈妈" });
  const result = h("div", { role: "status", id: "gift-result" });
  let key = null;
  const send = async (event) => {
    event.preventDefault();
    key = key || newKey();
    const recipient = to.value.trim().startsWith("volunteer:") ? to.value.trim() : "volunteer:" + to.value.trim();
    try {
      const answer = await post("/v1/transfers", { from: me, to: recipient, points: Number(points.value), note: note.value.trim() || "转赠" }, key);
      key = null;
      show(result, h("p", { class: "good" }, `已转赠 ${points.value} 分（记录号 ${answer.seq}）`));
    } catch (error) {
      if (error.kind === "refused") { key = null; return show(result, h("p", { class: "bad" }, reasonText(error.reason))); }
      context.failed(error, () => send(event));
    }
  };
  show(
    area,
    h(
      "form",
      { on: { submit: send, input: () => { key = null; } } },
      h("p", { class: "hint" }, "只能转给规则允许的亲属（如银龄志愿者）。服务时长和星级不会转走。"),
      field("对方的志愿者编号", to),
      field("积分", points),
      field("留言", note),
      h("button", { type: "submit", class: "big", id: "gift-send" }, "转赠"),
      result,
    ),
  );
}
