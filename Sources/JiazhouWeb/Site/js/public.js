// The public page: the ledger's origin, size and latest signed checkpoint,
// and "check a certificate" — a statement file checked in this browser,
// its witnesses' cosignatures too, with nothing sent anywhere.
import { get } from "./api.js";
import { field, h, show } from "./dom.js";
import { clearNotice } from "./notice.js";
import { verifyStatement } from "./verify.js";
import { witnessKeysField, witnessKeysInput, witnessResults } from "./witnesses.js";

export async function publicPage(app, context) {
  let info;
  try {
    info = await get("/v1/info");
  } catch (error) {
    return context.failed(error, () => publicPage(app, context));
  }
  clearNotice();
  const key = h("input", { type: "text", id: "verifier-key", value: info.verifier_key, spellcheck: "false", autocomplete: "off" });
  const file = h("input", { type: "file", id: "statement-file", accept: ".json,application/json" });
  const witnessKeys = witnessKeysInput(info);
  const result = h("div", { id: "check-result", role: "status" });
  let checked = null;
  const check = async (blob) => {
    checked = blob;
    show(result, h("p", {}, "正在核验…"));
    let statement;
    try {
      statement = JSON.parse(await blob.text());
    } catch {
      return show(result, verdict(false, ["这个文件不是 JSON 格式的核验文件"]));
    }
    let report;
    try {
      report = await verifyStatement(statement, key.value, witnessKeys.value);
    } catch (error) {
      report = { ok: false, problems: [String(error.message || error)], witnesses: [] };
    }
    show(result, verdict(report.ok, report.problems, report.ok ? statement : null, report.witnesses), witnessResults(report.witnesses));
  };
  file.addEventListener("change", () => file.files[0] && check(file.files[0]));
  // Another key: the same file checked again with it.
  for (const input of [key, witnessKeys]) input.addEventListener("change", () => checked && check(checked));
  const drop = h(
    "div",
    {
      class: "drop",
      id: "drop",
      on: {
        dragover: (event) => { event.preventDefault(); drop.classList.add("over"); },
        dragleave: () => drop.classList.remove("over"),
        drop: (event) => { event.preventDefault(); drop.classList.remove("over"); const f = event.dataTransfer.files[0]; if (f) check(f); },
      },
    },
    h("p", {}, "把核验文件拖到这里，或者"),
    field("选择文件", file),
  );
  show(
    app,
    h(
      "section",
      { class: "card" },
      h("h1", {}, "公开账本"),
      h("dl", { class: "facts-list" }, h("dt", {}, "账本"), h("dd", { id: "origin" }, info.origin), h("dt", {}, "记录条数"), h("dd", { id: "size" }, String(info.size)), h("dt", {}, "根哈希"), h("dd", { class: "mono" }, info.root)),
      h("h2", {}, "最新签名检查点"),
      h("pre", { class: "mono", id: "checkpoint" }, info.checkpoint),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "核验志愿服务证明"),
      h("p", {}, "核验在您的浏览器里完成：检查账本的签名、每条记录的包含证明和合计。文件不会上传。"),
      crypto.subtle ? null : h("p", { class: "warn" }, "这个网址不是 https，浏览器不提供核验所需的加密功能。请用 https 打开，或运行 jiazhou verify-statement。"),
      field("核验密钥（本账本的公钥）", key),
      witnessKeysField(witnessKeys),
      drop,
      result,
    ),
  );
}

function verdict(ok, problems, statement, witnesses) {
  if (ok) {
    const cosigned = (witnesses || []).filter((w) => w.state === "valid").length;
    return h(
      "div",
      { class: "answer good", id: "verdict" },
      h("p", { class: "big-word" }, "✓ 证明是真的"),
      h("p", {}, `${statement.volunteer}：服务 ${Math.floor(statement.minutes / 60)} 小时，获得 ${statement.earned} 分，${statement.stars} 星；${statement.entries.length} 条记录都在签名的账本里。`),
      cosigned > 0 ? h("p", {}, `${cosigned} 个见证方的副签也核对无误。`) : null,
    );
  }
  return h("div", { class: "answer bad", id: "verdict" }, h("p", { class: "big-word" }, "✗ 证明不成立"), h("ul", {}, problems.map((p) => h("li", {}, p))));
}
