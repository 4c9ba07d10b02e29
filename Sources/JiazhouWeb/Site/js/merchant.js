// The merchant's till: a code, points or an item, redeem; the answer in one
// glance; today's redemptions, each with its reversal (the till's 退款).
import { get, newKey, post, segment, wholeHistory } from "./api.js";
import { day, field, h, show, when } from "./dom.js";
import { clearNotice } from "./notice.js";
import { reasonText } from "./words.js";
import { scanner } from "./scan.js";

export async function merchantPage(app, context) {
  const me = context.session.principal;
  let account;
  try {
    account = await get(`/v1/accounts/${segment(me)}`);
  } catch (error) {
    return context.failed(error, () => merchantPage(app, context));
  }
  clearNotice();
  const takings = h("p", { class: "facts", id: "takings" }, `今天收入 ${account.takings_today ?? 0} 分`);
  const today = h("div", { id: "today" });
  const refresh = () => todaysRedemptions(me, today, takings, context);
  show(app, h("section", { class: "card" }, h("h1", {}, "收银台"), takings, till(me, account.catalogue || [], refresh, context)), h("section", { class: "card" }, h("h2", {}, "今天的兑换"), today));
  refresh();
}

function till(me, catalogue, refresh, context) {
  const code = h("input", { type: "text", id: "till-code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", placeholder: "例如 K7QD-3M9X", class: "code-input" });
  const points = h("input", { type: "number", id: "till-points", inputmode: "numeric", min: 1, step: 1 });
  const item = h("select", { id: "till-item" }, h("option", { value: "" }, "按积分兑换（不选商品）"), catalogue.map((c) => h("option", { value: c.item }, `${c.name || c.item}（${c.points} 分）`)));
  const button = h("button", { type: "submit", class: "big primary", id: "redeem" }, "兑换");
  const result = h("div", { id: "till-result", role: "status" });
  // One key per attempt: a second tap, or a retry after a lost answer, sends
  // the same key, so the ledger redeems once. Changing the form starts a new attempt.
  let key = null;
  let busy = false;
  const redeem = async (event) => {
    event.preventDefault();
    if (busy) return;
    key = key || newKey();
    const body = { merchant: me, code: code.value.trim().toUpperCase() };
    if (item.value) body.item = item.value;
    else body.points = Number(points.value);
    busy = true;
    button.disabled = true;
    try {
      const answer = await post("/v1/redemptions", body, key);
      key = null;
      show(result, h("div", { class: "answer good" }, h("p", { class: "big-word" }, "✓ 兑换成功"), h("p", {}, `对方还剩 ${answer.balance} 分（记录号 ${answer.seq}）`)));
      code.value = "";
      points.value = "";
      refresh();
    } catch (error) {
      if (error.kind === "refused") {
        key = null;
        show(result, h("div", { class: "answer bad" }, h("p", { class: "big-word" }, "✗ 没有兑换"), h("p", {}, reasonText(error.reason))));
      } else {
        show(result);
        context.failed(error, () => redeem(event));
      }
    } finally {
      busy = false;
      button.disabled = false;
    }
  };
  return h(
    "form",
    { id: "till", on: { submit: redeem, input: () => { key = null; } } },
    field("兑换码", code),
    scanner((scanned) => {
      code.value = scanned;
      key = null;
      (item.value ? button : points).focus();
    }),
    field("积分", points),
    catalogue.length ? field("或者选商品", item) : null,
    button,
    result,
  );
}

/// Today's redemptions from the merchant's history, newest first, with the
/// reversals already made.
async function todaysRedemptions(me, area, takings, context) {
  let history, account;
  try {
    [history, account] = await Promise.all([wholeHistory(me), get(`/v1/accounts/${segment(me)}`)]);
  } catch (error) {
    return context.failed(error, () => todaysRedemptions(me, area, takings, context));
  }
  takings.textContent = `今天收入 ${account.takings_today ?? 0} 分`;
  const todayText = day(new Date().toISOString());
  const rows = history.entries.filter((row) => row.kind === "redeem" && day(row.time) === todayText).reverse();
  if (rows.length === 0) return show(area, h("p", {}, "今天还没有兑换。"));
  show(area, h("ol", { class: "rows" }, rows.map((row) => redemptionRow(row, () => todaysRedemptions(me, area, takings, context), context))));
}

function redemptionRow(row, refresh, context) {
  const status = h("span", { role: "status" });
  const key = newKey();
  const reverse = async () => {
    if (!confirm(`退还这笔 ${row.points} 分吗？`)) return;
    try {
      await post("/v1/reversals", { seq: row.seq, reason: "商户退款" }, key);
      refresh();
    } catch (error) {
      if (error.kind === "refused") return (status.textContent = reasonText(error.reason));
      context.failed(error, reverse);
    }
  };
  return h(
    "li",
    {},
    h("span", { class: "when" }, when(row.time).slice(11)),
    h("span", { class: "what" }, `记录号 ${row.seq}`),
    h("span", { class: "plus" }, `${row.points} 分`),
    h("button", { type: "button", class: "quiet", on: { click: reverse } }, "退款"),
    status,
  );
}
