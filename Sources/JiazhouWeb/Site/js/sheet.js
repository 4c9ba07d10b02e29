// A coordinator's sheet, uploaded whole (POST /v1/sheets, the reader that
// `jiazhou award import` uses): choose the file, "检查" is a dry run that
// shows every row with the bad ones marked and why, "确认发放" awards it.
//
// The award's idempotency key is the sheet's own: the server's default,
// `sheet:` and the file's SHA-256 (with the activity filled in). So a double
// tap, a retry after a lost answer, or the same file chosen again next week
// awards once; the page sends no key of its own.
import { file as fetchFile, upload } from "./api.js";
import { field, h, localTime, rfc3339, save, show } from "./dom.js";
import { categories, reasonText, sheetReasonText } from "./words.js";

export function sheetForm(scope, context) {
  const file = h("input", { type: "file", id: "sheet-file", accept: ".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain,text/tab-separated-values" });
  const activity = h("input", { type: "text", id: "sheet-activity", autocomplete: "off", placeholder: "例如 2026-12-05-jiulongxiang-cleanup" });
  const category = h(
    "select",
    { id: "sheet-category" },
    Object.entries(categories).map(([id, name]) => h("option", { value: id }, name)),
  );
  const start = h("input", { type: "datetime-local", id: "sheet-start" });
  start.value = localTime(new Date(Date.now() - 3 * 3600 * 1000));
  const where = h("input", { type: "text", id: "sheet-scope", value: scope, autocomplete: "off" });
  const check = h("button", { type: "button", class: "big", id: "sheet-check" }, "检查");
  const confirm = h("button", { type: "button", class: "big primary", id: "sheet-confirm", disabled: true }, "确认发放");
  const result = h("div", { id: "sheet-result", role: "status" });
  // The bytes that passed the check, with the fields they passed with:
  // "确认发放" sends exactly these, and any change asks for a new check.
  let checked = null;
  let busy = false;

  const reset = () => {
    checked = null;
    confirm.disabled = true;
  };

  const query = (dryRun) => {
    const parts = [["scope", where.value.trim()], ["category", category.value]];
    if (activity.value.trim()) parts.push(["activity", activity.value.trim()]);
    if (start.value) parts.push(["start", rfc3339(start.value)]);
    if (dryRun) parts.push(["dry_run", "true"]);
    return parts.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&");
  };

  const send = async (dryRun) => {
    if (busy) return;
    const chosen = file.files && file.files[0];
    if (!chosen) return show(result, h("p", { class: "bad" }, "请先选择签到表文件"));
    if (!where.value.trim()) return show(result, h("p", { class: "bad" }, "请填写发放范围"));
    const path = "/v1/sheets?" + query(dryRun);
    let bytes;
    if (dryRun) {
      try {
        bytes = new Uint8Array(await chosen.arrayBuffer());
      } catch (error) {
        return show(result, h("p", { class: "bad" }, "读不了这个文件，请重新选择"));
      }
    } else {
      bytes = checked.bytes;
    }
    busy = true;
    check.disabled = true;
    confirm.disabled = true;
    // The upload's progress, then the server's work (one answer at the end:
    // a sheet is checked or awarded whole, in one transaction).
    const working = dryRun ? "正在检查每一行……" : "正在发放……";
    const label = h("span", { id: "sheet-progress-label" }, "正在上传……");
    const bar = h("progress", { id: "sheet-progress", max: "100", value: "0" });
    show(result, h("p", { class: "loading" }, label), bar);
    try {
      const answer = await upload(path, bytes, (sent, total) => {
        const percent = total > 0 ? Math.min(100, Math.round((sent * 100) / total)) : 100;
        bar.value = percent;
        label.textContent = percent < 100 ? `正在上传 ${percent}%` : working;
      });
      if (dryRun) {
        checked = { bytes };
        show(result, summary(answer, true), table(answer));
      } else {
        checked = null;
        show(result, summary(answer, false), table(answer));
      }
    } catch (error) {
      checked = null;
      if (error.kind === "refused") {
        const sheet = error.details && error.details.sheet;
        if (sheet) show(result, refusedSummary(sheet), dryRun ? problemsButton(path, bytes, context) : null, table(sheet));
        else show(result, h("div", { class: "answer bad" }, h("p", { class: "big-word" }, "✗ 没有发放"), h("p", {}, reasonText(error.reason))));
      } else {
        show(result);
        context.failed(error, () => send(dryRun));
      }
    } finally {
      busy = false;
      check.disabled = false;
      confirm.disabled = checked === null;
    }
  };

  // Choosing the file again (fixed) or changing a field needs a new check.
  for (const input of [file, activity, category, start, where]) {
    input.addEventListener("change", reset);
    input.addEventListener("input", reset);
  }
  check.addEventListener("click", () => send(true));
  confirm.addEventListener("click", () => {
    if (checked && !busy) send(false);
  });

  return h(
    "div",
    { id: "sheet" },
    h("p", { class: "hint" }, "签到表可以是 Excel 或 WPS 的 .xlsx，也可以是 CSV；要有“志愿者编号”和时长（“时长(分钟)”，或“服务时长”写成“2小时”“90分钟”，或签到、签退时间）。先按“检查”，每一行都没问题再按“确认发放”。"),
    field("签到表文件", file),
    field("活动编号", activity, "表格里有“活动编号”列时可以不填"),
    field("服务类别", category),
    field("开始时间", start),
    field("发放范围", where),
    h("div", { class: "buttons" }, check, confirm),
    result,
  );
}

/// The totals of a check or an award.
function summary(answer, dryRun) {
  const rows = `${answer.rows} 行`;
  if (answer.already_imported) {
    return h("div", { class: "answer good", id: "sheet-summary" }, h("p", { class: "big-word" }, "这张表已经发放过了"), h("p", {}, "没有重复发放。"));
  }
  const read = h("p", { class: "hint" }, `文件编码 ${answer.encoding || "?"}，${answer.delimiter === "tab" ? "制表符" : "逗号"}分隔`);
  const notes = (answer.notes || []).map((note) => h("p", { class: "hint" }, note));
  if (dryRun) {
    return h(
      "div",
      { class: "answer good", id: "sheet-summary" },
      h("p", { class: "big-word" }, "✓ 每一行都没问题"),
      h("p", {}, `共 ${rows}，将发放 ${answer.points} 分（计 ${answer.minutes} 分钟）。还没有发放：请按“确认发放”。`),
      read,
      notes,
    );
  }
  return h(
    "div",
    { class: "answer good", id: "sheet-summary" },
    h("p", { class: "big-word" }, `✓ 已发放 ${answer.points} 分`),
    h("p", {}, `共 ${answer.written} 人次，计 ${answer.minutes} 分钟`),
    answer.first_seq !== undefined && answer.first_seq !== null ? h("p", {}, `记录号 ${answer.first_seq}–${answer.last_seq}`) : null,
    read,
  );
}

/// The dry run's problems as an .xlsx, a row a problem, to fix the sheet
/// beside it in Excel (the same check again, answered as a file).
function problemsButton(path, bytes, context) {
  const button = h("button", { type: "button", class: "big", id: "sheet-problems" }, "下载问题表（Excel）");
  const fetchProblems = async () => {
    button.disabled = true;
    try {
      save(await fetchFile("POST", path + "&format=xlsx", { bytes }));
    } catch (error) {
      context.failed(error, fetchProblems);
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener("click", fetchProblems);
  return h("div", { class: "buttons" }, button);
}

function refusedSummary(sheet) {
  const count = sheet.problems.length + (sheet.unreported_problems || 0);
  return h(
    "div",
    { class: "answer bad", id: "sheet-summary" },
    h("p", { class: "big-word" }, `✗ 有 ${count} 处问题`),
    h("p", {}, "一分也没有发放。请按下面标红的行改好表格，保存后再选一次文件，重新检查。"),
  );
}

/// Every row as read, good and bad, in the sheet's own row numbers; each
/// bad row says why in plain words, with the reader's message beneath.
function table(sheet) {
  const byRow = new Map();
  for (const row of sheet.listed || []) byRow.set(row.row, { row: row.row, volunteer: row.volunteer, minutes: row.minutes, problems: [] });
  for (const problem of sheet.problems || []) {
    if (!byRow.has(problem.row)) byRow.set(problem.row, { row: problem.row, problems: [] });
    byRow.get(problem.row).problems.push(problem);
  }
  if (byRow.size === 0) return null;
  const rows = [...byRow.values()].sort((a, b) => a.row - b.row);
  return h(
    "table",
    { class: "sheet-table", id: "sheet-rows" },
    sheet.unlisted_rows ? h("caption", {}, `另有 ${sheet.unlisted_rows} 行没有列出`) : null,
    h("thead", {}, h("tr", {}, h("th", {}, "行"), h("th", {}, "志愿者"), h("th", { class: "num" }, "分钟"), h("th", {}, "检查结果"))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          { class: row.problems.length ? "bad-row" : "good-row", "data-row": row.row },
          h("td", { class: "num" }, String(row.row)),
          h("td", { class: "id" }, row.volunteer ? row.volunteer.replace(/^volunteer:/, "") : "—"),
          h("td", { class: "num" }, row.minutes === undefined ? "—" : String(row.minutes)),
          h(
            "td",
            {},
            row.problems.length
              ? row.problems.map((problem) =>
                  h("span", { class: "why" }, `✗ ${problem.column ? problem.column + "：" : ""}${sheetReasonText(problem.reason)}`, h("span", { class: "detail" }, problem.message)),
                )
              : "✓",
          ),
        ),
      ),
    ),
  );
}
