// The coordinator's page: award one volunteer, award a sheet, reverse an
// award, and the scope's budget this month. The operator sees it too (any scope).
import { file, get, newKey, post, segment } from "./api.js";
import { field, h, localTime, rfc3339, save, show } from "./dom.js";
import { sheetForm } from "./sheet.js";
import { clearNotice } from "./notice.js";
import { categories, reasonText } from "./words.js";

export async function coordinatorPage(app, context) {
  const me = context.session.principal;
  let scope = "";
  try {
    scope = (await get(`/v1/accounts/${segment(me)}`)).scope || "";
  } catch (error) {
    if (error.kind !== "refused") return context.failed(error, () => coordinatorPage(app, context));
  }
  clearNotice();
  const budget = h("div", { id: "budget" });
  show(
    app,
    h("section", { class: "card" }, h("h1", {}, "发放积分"), h("p", { class: "facts" }, scope ? `管辖范围：${scope}` : "管辖范围：全部"), awardForm(scope, context)),
    h("section", { class: "card", id: "sheet-award" }, h("h2", {}, "按表格批量发放"), sheetForm(scope, context)),
    h("section", { class: "card" }, h("h2", {}, "撤销一笔奖励"), reverseForm(context)),
    h("section", { class: "card" }, h("h2", {}, "本月预算"), budgetForm(scope, budget, context), budget),
    h("section", { class: "card" }, h("h2", {}, "月度报表"), reportForm(scope, context)),
  );
}

function awardForm(scope, context) {
  const volunteer = h("input", { type: "text", id: "award-volunteer", autocomplete: "off", placeholder: "例如 V000123" });
  const activity = h("input", { type: "text", id: "award-activity", autocomplete: "off", placeholder: "例如 2026-12-05-jiulongxiang-cleanup" });
  const category = h("select", { id: "award-category" }, Object.entries(categories).map(([id, name]) => h("option", { value: id }, name)));
  const minutes = h("input", { type: "number", id: "award-minutes", inputmode: "numeric", min: 1, step: 1, value: "60" });
  const start = h("input", { type: "datetime-local", id: "award-start" });
  start.value = localTime(new Date(Date.now() - 3 * 3600 * 1000));
  const where = h("input", { type: "text", id: "award-scope", value: scope, autocomplete: "off" });
  const result = h("div", { id: "award-result", role: "status" });
  let key = null;
  const send = async (event) => {
    event.preventDefault();
    key = key || newKey();
    const body = {
      volunteer: prefixed("volunteer", volunteer.value),
      activity: { id: activity.value.trim(), category: category.value, minutes: Number(minutes.value), start: rfc3339(start.value), scope: where.value.trim(), tags: [] },
    };
    try {
      const answer = await post("/v1/awards", body, key);
      key = null;
      show(result, h("div", { class: "answer good" }, h("p", { class: "big-word" }, `✓ 已发放 ${answer.points} 分`), h("p", {}, `记录号 ${answer.seq}`)));
    } catch (error) {
      if (error.kind === "refused") {
        key = null;
        return show(result, h("div", { class: "answer bad" }, h("p", { class: "big-word" }, "✗ 没有发放"), h("p", {}, reasonText(error.reason))));
      }
      context.failed(error, () => send(event));
    }
  };
  return h(
    "form",
    { id: "award", on: { submit: send, input: () => { key = null; } } },
    field("志愿者编号", volunteer),
    field("活动编号", activity),
    field("服务类别", category),
    field("服务时长（分钟）", minutes),
    field("开始时间", start),
    field("发放范围", where),
    h("button", { type: "submit", class: "big primary" }, "发放"),
    result,
  );
}

function reverseForm(context) {
  const seq = h("input", { type: "number", id: "reverse-seq", inputmode: "numeric", min: 0, step: 1 });
  const reason = h("input", { type: "text", id: "reverse-reason", maxlength: 200, placeholder: "例如 签到表记错了人" });
  const result = h("div", { id: "reverse-result", role: "status" });
  let key = null;
  const send = async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) return show(result, h("p", { class: "bad" }, "请写明撤销的原因"));
    key = key || newKey();
    try {
      const answer = await post("/v1/reversals", { seq: Number(seq.value), reason: reason.value.trim() }, key);
      key = null;
      show(result, h("div", { class: "answer good" }, h("p", { class: "big-word" }, "✓ 已撤销"), h("p", {}, `撤销记录号 ${answer.seq}`)));
    } catch (error) {
      if (error.kind === "refused") {
        key = null;
        return show(result, h("div", { class: "answer bad" }, h("p", { class: "big-word" }, "✗ 没有撤销"), h("p", {}, reasonText(error.reason))));
      }
      context.failed(error, () => send(event));
    }
  };
  return h("form", { id: "reverse", on: { submit: send, input: () => { key = null; } } }, field("要撤销的记录号", seq), field("原因", reason), h("button", { type: "submit", class: "big" }, "撤销"), result);
}

/// The issuer of the scope: what this month's awards took from its budget
/// (less their reversals) and what is left, as the service counts them for
/// the budget cap (account.get's budget_used and budget_left).
function budgetForm(scope, area, context) {
  const input = h("input", { type: "text", id: "budget-scope", value: scope, autocomplete: "off" });
  const look = async (event) => {
    if (event) event.preventDefault();
    const issuer = "issuer:" + input.value.trim();
    let account;
    try {
      account = await get(`/v1/accounts/${segment(issuer)}`);
    } catch (error) {
      if (error.kind === "refused") return show(area, h("p", { class: "bad" }, reasonText(error.reason)));
      return context.failed(error, look);
    }
    const used = account.budget_used ?? 0;
    const left = account.budget_left;
    show(
      area,
      h("p", { class: "points", id: "budget-used" }, `${used}`),
      h(
        "p",
        {},
        left === undefined || left === null
          ? `${account.budget_month} 已用 ${used} 分（没有设预算）`
          : `${account.budget_month} 已用 ${used} 分，还剩 ${left} 分`,
      ),
    );
  };
  if (scope) setTimeout(look, 0);
  return h("form", { on: { submit: look } }, field("范围", input), h("button", { type: "submit", class: "big" }, "查看"));
}

/// The scope's month per volunteer, as the Excel file `jiazhou report scope` writes.
function reportForm(scope, context) {
  const where = h("input", { type: "text", id: "report-scope", value: scope, autocomplete: "off" });
  const month = h("input", { type: "month", id: "report-month", value: localTime(new Date()).slice(0, 7) });
  const status = h("div", { id: "report-result", role: "status" });
  const fetchReport = async (event) => {
    if (event) event.preventDefault();
    const query = `scope=${encodeURIComponent(where.value.trim())}&month=${encodeURIComponent(month.value)}&format=xlsx`;
    show(status, h("p", { class: "loading" }, "正在生成报表……"));
    try {
      save(await file("GET", "/v1/reports/scope?" + query));
      show(status, h("p", { class: "good" }, "✓ 报表已下载"));
    } catch (error) {
      if (error.kind === "refused") return show(status, h("p", { class: "bad" }, reasonText(error.reason)));
      show(status);
      context.failed(error, fetchReport);
    }
  };
  return h(
    "form",
    { on: { submit: fetchReport } },
    field("范围", where),
    field("月份", month),
    h("button", { type: "submit", class: "big", id: "report-download" }, "下载 Excel 报表"),
    status,
  );
}

function prefixed(kind, text) {
  const value = text.trim();
  return value.includes(":") ? value : `${kind}:${value}`;
}
