// The public check of a printed certificate: opened from its QR code as
// `/#check=NUMBER`, it fetches the certificate (no token: the number is the
// permission) and verifies its statement in this browser exactly as a
// dropped statement file is verified (verify.js), then says in plain words
// who served, what, how long, who issued it, its number and date, and
// whether it holds, with each witness's cosignature of its checkpoint.
import { ApiError, get } from "./api.js";
import { day, field, h, show } from "./dom.js";
import { clearNotice } from "./notice.js";
import { servicesOf, serviceRow } from "./certificate.js";
import { verifyStatement } from "./verify.js";
import { witnessKeysField, witnessKeysInput, witnessResults } from "./witnesses.js";

export async function checkPage(app, context, number) {
  let info, certificate;
  try {
    info = await get("/v1/info");
    certificate = await get(`/v1/certificates/${encodeURIComponent(number)}`);
  } catch (error) {
    if (error instanceof ApiError && error.kind === "refused") return show(app, notFound(number, error));
    return context.failed(error, () => checkPage(app, context, number));
  }
  clearNotice();
  const key = h("input", { type: "text", id: "verifier-key", value: info.verifier_key, spellcheck: "false", autocomplete: "off" });
  const witnessKeys = witnessKeysInput(info);
  const result = h("div", { id: "check-result", role: "status" }, h("p", {}, "正在核验…"));
  const check = async () => {
    let report;
    try {
      report = await verifyStatement(certificate.statement, key.value, witnessKeys.value);
    } catch (error) {
      report = { ok: false, problems: [String(error.message || error)], witnesses: [] };
    }
    const problems = [...report.problems];
    if (certificate.statement && certificate.statement.volunteer !== certificate.volunteer) problems.unshift("证明上的志愿者和核验文件里的不是同一人");
    show(result, verdict(problems.length === 0, problems, report.witnesses), witnessResults(report.witnesses));
  };
  key.addEventListener("change", check);
  witnessKeys.addEventListener("change", check);
  const statement = certificate.statement || {};
  const minutes = Number(statement.minutes) || 0;
  show(
    app,
    h(
      "section",
      { class: "card", id: "check" },
      h("h1", {}, "核验志愿服务证明"),
      result,
      h(
        "dl",
        { class: "facts-list" },
        h("dt", {}, "志愿者"), h("dd", { id: "check-volunteer" }, String(certificate.volunteer || "").replace(/^volunteer:/, "志愿者编号 ")),
        h("dt", {}, "服务时长"), h("dd", { id: "check-hours" }, `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟，获得积分 ${statement.earned} 分，${statement.stars} 星`),
        h("dt", {}, "开具单位"), h("dd", { id: "check-office" }, certificate.office),
        h("dt", {}, "证明编号"), h("dd", { id: "check-number", class: "mono" }, certificate.number),
        h("dt", {}, "开具日期"), h("dd", { id: "check-date" }, day(certificate.issued)),
      ),
      h("h2", {}, "服务了什么"),
      h(
        "table",
        { class: "sheet-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "日期"), h("th", {}, "服务活动"), h("th", {}, "类别"), h("th", {}, "分钟"), h("th", {}, "记录号"))),
        h("tbody", {}, servicesOf(statement).map((s) => serviceRow(s))),
      ),
      h("p", { class: "hint" }, `这份证明是开具时（账本第 ${statement.size} 条签名检查点）的快照，之后的服务不在里面。核验在您的浏览器里完成。`),
      crypto.subtle ? null : h("p", { class: "warn" }, "这个网址不是 https，浏览器不提供核验所需的加密功能。请用 https 打开，或运行 jiazhou verify-statement。"),
      field("核验密钥（本账本的公钥，可换成您从别处得到的）", key),
      witnessKeysField(witnessKeys),
    ),
  );
  await check();
}

function verdict(ok, problems, witnesses) {
  if (ok) {
    const cosigned = (witnesses || []).filter((w) => w.state === "valid").length;
    return h(
      "div",
      { class: "answer good", id: "verdict" },
      h("p", { class: "big-word" }, "✓ 证明是真的"),
      h("p", {}, "账本的签名和每条服务记录的证明都核对无误。"),
      cosigned > 0 ? h("p", {}, `${cosigned} 个见证方的副签也核对无误。`) : null,
    );
  }
  return h("div", { class: "answer bad", id: "verdict" }, h("p", { class: "big-word" }, "✗ 证明不成立"), h("ul", {}, problems.map((p) => h("li", {}, p))));
}

function notFound(number, error) {
  const words = error.status === 404 ? "没有这个编号的证明。请核对证明上的编号，或联系开具证明的单位。" : "这不是一个证明编号（编号是 JZ- 加 28 个字母和数字，四个一组）。";
  return h(
    "section",
    { class: "card" },
    h("h1", {}, "核验志愿服务证明"),
    h("div", { class: "answer bad", id: "verdict" }, h("p", { class: "big-word" }, "✗ 查不到这份证明"), h("p", {}, words), h("p", { class: "mono" }, number)),
  );
}
