// The service certificate (志愿服务证明) as a printable A4 page, from the
// statement the ledger signs; the same statement can be downloaded as the
// file anyone checks on the public page.
import { get, segment } from "./api.js";
import { day, h, show, when } from "./dom.js";
import { clearNotice } from "./notice.js";
import { categories } from "./words.js";

export async function certificatePage(app, context) {
  const me = context.session.principal;
  let statement;
  try {
    statement = await get(`/v1/statements/${segment(me)}`);
  } catch (error) {
    return context.failed(error, () => certificatePage(app, context));
  }
  clearNotice();
  const services = [];
  for (const item of statement.entries) {
    let entry;
    try { entry = JSON.parse(item.entry); } catch { continue; }
    if (entry.kind !== "award") continue;
    services.push({ seq: item.seq, time: entry.time, data: entry.data || {} });
  }
  const number = `${statement.origin}#${statement.size}`;
  const hours = Math.floor(statement.minutes / 60);
  const file = new Blob([JSON.stringify(statement, null, 2)], { type: "application/json" });
  const download = h("a", { class: "button", href: URL.createObjectURL(file), download: `statement-${me.replace(/[^A-Za-z0-9]/g, "_")}.json` }, "下载核验文件");
  show(
    app,
    h(
      "article",
      { class: "certificate", id: "certificate" },
      h("h1", {}, "志愿服务证明"),
      h("p", { class: "lead" }, `兹证明 志愿者 ${statement.volunteer.replace(/^volunteer:/, "")} 参加志愿服务，累计服务时长 ${hours} 小时 ${statement.minutes % 60} 分钟，获得积分 ${statement.earned} 分，星级 ${statement.stars} 星。`),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", {}, "日期"), h("th", {}, "服务活动"), h("th", {}, "类别"), h("th", {}, "时长（分钟）"), h("th", {}, "记录号"))),
        h("tbody", {}, services.map((s) => serviceRow(s))),
      ),
      h("p", {}, `记录单位：${statement.origin}（账本第 ${statement.size} 条签名检查点）`),
      h("p", {}, `证明编号：${number}　开具日期：${when(new Date().toISOString()).slice(0, 10)}`),
      h("p", { class: "hint" }, "核验方法：在本站“公开核验”页拖入核验文件，浏览器会检查签名和账本证明，不上传任何内容；或运行 jiazhou verify-statement。"),
    ),
    h(
      "div",
      { class: "actions no-print" },
      h("button", { type: "button", class: "big primary", on: { click: () => window.print() } }, "打印"),
      download,
      h("button", { type: "button", class: "big", on: { click: () => location.reload() } }, "返回"),
    ),
  );
}

/// One award: the activity's day, id (and title once awards carry one), category and counted minutes.
function serviceRow(service) {
  const activity = service.data.activity || {};
  return h(
    "tr",
    {},
    h("td", {}, day(activity.start || service.time)),
    h("td", {}, activity.title || activity.id || ""),
    h("td", {}, categories[activity.category] || activity.category || ""),
    h("td", {}, String(service.data.minutes ?? activity.minutes ?? "")),
    h("td", {}, String(service.seq)),
  );
}
