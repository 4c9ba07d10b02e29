// The service certificate (志愿服务证明) as a printable A4 page. It opens as
// a draft from the statement; 开具证明 asks the ledger for a certificate
// (certificate.issue), whose number, issuing office and date are printed
// with a QR code of the public check link. The link carries the number in
// its fragment (`/#check=…`), so that opening it puts no number in any
// server's request log; the check page then fetches the certificate.
import { get, post, segment } from "./api.js";
import { day, h, show, when } from "./dom.js";
import { clearNotice } from "./notice.js";
import { categories, reasonText } from "./words.js";

export async function certificatePage(app, context) {
  const me = context.session.principal;
  let statement;
  try {
    statement = await get(`/v1/statements/${segment(me)}`);
  } catch (error) {
    return context.failed(error, () => certificatePage(app, context));
  }
  clearNotice();
  render(app, context, statement, null);
}

/// The page for `statement`; `issued` is the certificate once there is one (its statement is the snapshot kept with it).
function render(app, context, statement, issued) {
  const me = context.session.principal;
  const file = new Blob([JSON.stringify(statement, null, 2)], { type: "application/json" });
  const download = h("a", { class: "button", href: URL.createObjectURL(file), download: `statement-${me.replace(/[^A-Za-z0-9]/g, "_")}.json` }, "下载核验文件");
  const status = h("p", { id: "issue-status", role: "status" });
  let issuing = false;
  const issue = async () => {
    if (issuing) return;
    issuing = true;
    show(status, "正在开具…");
    try {
      const certificate = await post("/v1/certificates", { volunteer: me });
      clearNotice();
      render(app, context, certificate.statement, certificate);
    } catch (error) {
      issuing = false;
      if (error.kind === "refused") return show(status, h("span", { class: "bad" }, reasonText(error.reason)));
      show(status, "");
      return context.failed(error, issue);
    }
  };
  show(
    app,
    certificateSheet(statement, issued),
    h(
      "div",
      { class: "actions no-print" },
      issued ? null : h("button", { type: "button", class: "big primary", id: "issue", on: { click: issue } }, "开具证明"),
      status,
      h("button", { type: "button", class: issued ? "big primary" : "big", on: { click: () => window.print() } }, "打印"),
      download,
      h("button", { type: "button", class: "big", on: { click: () => location.reload() } }, "返回"),
    ),
  );
}

/// The A4 sheet itself: what the volunteer-record rules ask a certificate
/// to say (民发〔2015〕149号): who served, what, how long, who recorded it,
/// a number and a date.
function certificateSheet(statement, issued) {
  const hours = Math.floor(statement.minutes / 60);
  const volunteer = statement.volunteer.replace(/^volunteer:/, "");
  const link = issued ? `${location.origin}/#check=${issued.number}` : null;
  return h(
    "article",
    { class: issued ? "certificate issued" : "certificate draft", id: "certificate" },
    h("h1", {}, "志愿服务证明"),
    issued ? null : h("p", { class: "draft-mark no-print" }, "草稿：按“开具证明”后生成证明编号和核验二维码"),
    h("p", { class: "lead" }, `兹证明 志愿者（编号 ${volunteer}）参加志愿服务，累计服务时长 ${hours} 小时 ${statement.minutes % 60} 分钟，获得积分 ${statement.earned} 分，星级 ${statement.stars} 星。`),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, "日期"), h("th", {}, "服务活动"), h("th", {}, "类别"), h("th", {}, "时长（分钟）"), h("th", {}, "记录号"))),
      h("tbody", {}, servicesOf(statement).map((s) => serviceRow(s))),
    ),
    issued
      ? h(
          "div",
          { class: "seal" },
          h(
            "dl",
            { class: "issue-facts" },
            h("dt", {}, "开具单位"), h("dd", { id: "certificate-office" }, issued.office),
            h("dt", {}, "开具日期"), h("dd", { id: "certificate-date" }, day(issued.issued)),
            h("dt", {}, "证明编号"), h("dd", { id: "certificate-number", class: "mono" }, issued.number),
          ),
          h("figure", { class: "check-qr" }, h("img", { src: `/v1/qr?text=${encodeURIComponent(link)}`, alt: `核验二维码 ${issued.number}`, width: 132, height: 132 }), h("figcaption", {}, "扫码核验")),
        )
      : h("p", {}, `记录单位：${statement.origin}　日期：${when(new Date().toISOString()).slice(0, 10)}`),
    h(
      "p",
      { class: "hint" },
      issued
        ? `核验方法：用手机扫描二维码，或打开 ${location.origin}/#check= 加上证明编号。核验页会取回这份证明，在浏览器里检查账本的签名和每条记录的证明（账本 ${statement.origin}，第 ${statement.size} 条签名检查点）。`
        : "核验方法：在本站“公开核验”页拖入核验文件，浏览器会检查签名和账本证明，不上传任何内容；或运行 jiazhou verify-statement。",
    ),
  );
}

/// The awards of a statement, as rows: seq, time and the award's data.
export function servicesOf(statement) {
  const services = [];
  for (const item of statement.entries || []) {
    let entry;
    try { entry = JSON.parse(item.entry); } catch { continue; }
    if (entry.kind !== "award") continue;
    services.push({ seq: item.seq, time: entry.time, data: entry.data || {} });
  }
  return services;
}

/// One award: the activity's day, title (else its id), category and counted minutes.
export function serviceRow(service) {
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
