// Checks a volunteer's statement (jiazhou-statement/1, Ledger/SPEC.md §8)
// in the browser, with nothing but the verifier key and WebCrypto: the
// checkpoint's Ed25519 signature (C2SP signed-note), each entry's canonical
// bytes (RFC 8785) and RFC 9162 inclusion proof against the signed root,
// that each entry concerns the volunteer, and that the stated balance,
// points earned, minutes and stars are what the entries give. The same
// checks as StatementVerifier.swift; nothing is sent anywhere. With the
// witnesses' verifier keys (one a line), also each witness's cosignature of
// the checkpoint (cosignature.js): a line that does not verify is a problem;
// a key without a line, or a line without a key, is reported, not a failure.
import { concat, equal, fromBase64, fromHex, hex, sha256, utf8 } from "./bytes.js";
import { checkCosignatures, parseWitnessKeys } from "./cosignature.js";
import { starHours } from "./rules.js";

export async function verifyStatement(statement, verifierKey, witnessKeys = "") {
  const problems = [];
  if (!statement || statement.format !== "jiazhou-statement/1") return fail("这不是嘉州积分的核验文件（format 不是 jiazhou-statement/1）");
  const suite = statement.suite || "sha256-ed25519";
  if (suite !== "sha256-ed25519") return fail(`这份证明用的是 ${suite} 国密算法，浏览器无法核验，请运行 jiazhou verify-statement`, { needsCLI: true });
  let key, checkpoint;
  try {
    key = await parseVerifierKey(verifierKey);
    checkpoint = await verifiedCheckpoint(String(statement.checkpoint), key);
  } catch (error) {
    return fail(error.message);
  }
  const witnesses = await cosignatureReport(String(statement.checkpoint), witnessKeys, key, problems);
  if (checkpoint.origin !== statement.origin) problems.push(`证明写的账本是 ${statement.origin}，签名检查点是 ${checkpoint.origin}`);
  if (checkpoint.size !== statement.size) problems.push(`证明写的账本大小是 ${statement.size}，签名检查点是 ${checkpoint.size}`);
  const proven = async (item) => {
    let entry;
    try {
      entry = JSON.parse(item.entry);
    } catch {
      problems.push(`第 ${item.seq} 条记录不是 JSON`);
      return null;
    }
    if (canonical(entry) !== item.entry) problems.push(`第 ${item.seq} 条记录不是规范格式（RFC 8785）`);
    if (entry.seq !== item.seq) problems.push(`第 ${item.seq} 条记录自称第 ${entry.seq} 条`);
    const leaf = await sha256(concat([0], utf8.encode(item.entry)));
    if (!(await inclusionVerifies(item.seq, checkpoint.size, (item.path || []).map(fromHex), leaf, checkpoint.root))) {
      problems.push(`第 ${item.seq} 条记录不在签名的账本里（包含证明不成立）`);
    }
    return entry;
  };
  const volunteer = statement.volunteer;
  const totals = { balance: 0, earned: 0, minutes: 0 };
  let opening = null;
  let previous = -1;
  for (const item of statement.entries || []) {
    const entry = await proven(item);
    if (!entry) continue;
    if (entry.seq <= previous) problems.push(`记录顺序不对（第 ${entry.seq} 条）`);
    previous = entry.seq;
    const data = entry.data || {};
    const effect = effectOn(entry, volunteer);
    const opens = entry.kind === "account.open" && data.account === volunteer;
    const updates = entry.kind === "account.update" && data.account === volunteer;
    if (opens) opening = entry;
    if (!effect && !opens && !updates && data.volunteer !== volunteer) problems.push(`第 ${entry.seq} 条记录与 ${volunteer} 无关`);
    if (effect) {
      totals.balance += effect.balance;
      totals.earned += effect.earned;
      totals.minutes += effect.minutes;
    }
  }
  if (!opening) problems.push(`证明里没有 ${volunteer} 的开户记录`);
  if (totals.balance !== statement.balance) problems.push(`记录加起来余额是 ${totals.balance}，不是 ${statement.balance}`);
  if (totals.earned !== statement.earned) problems.push(`记录加起来获得积分 ${totals.earned}，不是 ${statement.earned}`);
  if (totals.minutes !== statement.minutes) problems.push(`记录加起来服务 ${totals.minutes} 分钟，不是 ${statement.minutes}`);
  const rules = statement.rules ? await proven(statement.rules) : null;
  if (!rules || rules.kind !== "rules.publish") {
    problems.push("证明里的积分规则不是一条规则发布记录");
  } else {
    const thresholds = starHours(rules.data && rules.data.text);
    if (!thresholds) problems.push("读不出积分规则里的星级标准");
    else {
      const stars = thresholds.filter((hours) => hours * 60 <= totals.minutes).length;
      if (stars !== statement.stars) problems.push(`按规则应为 ${stars} 星，证明写的是 ${statement.stars} 星`);
    }
  }
  if (statement.profile !== undefined && statement.profile !== null) {
    const commitment = statement.salt ? hex(await sha256(concat(fromHex(statement.salt), utf8.encode(canonical(statement.profile))))) : null;
    if (!commitment || !opening || commitment !== (opening.data || {}).profile) problems.push("个人信息与开户记录里的承诺对不上");
  }
  return { ok: problems.length === 0, problems, checkpoint, witnesses };
}

function fail(problem, extra = {}) {
  return { ok: false, problems: [problem], checkpoint: null, witnesses: [], ...extra };
}

/// Each witness's standing in the note (cosignature.js); adds to `problems`
/// the keys that could not be read, malformed lines and cosignatures that do not verify.
async function cosignatureReport(note, witnessKeys, ledgerKey, problems) {
  const { keys, problems: unreadable } = await parseWitnessKeys(witnessKeys);
  problems.push(...unreadable);
  const { witnesses, malformed } = await checkCosignatures(note, keys, ledgerKey);
  if (malformed > 0) problems.push(`签名检查点里有 ${malformed} 行不是签名行：这份证明被改过`);
  for (const witness of witnesses.filter((w) => w.state === "invalid")) {
    problems.push(`见证方 ${witness.name} 的副签不对：检查点或副签被改过，或副签不是这个公钥签的`);
  }
  return witnesses;
}

/// Entry+Effects.swift: balances from postings; earned points and minutes
/// from awards and from reversals of awards.
function effectOn(entry, account) {
  let touched = false;
  const effect = { balance: 0, earned: 0, minutes: 0 };
  for (const posting of entry.postings || []) {
    if (posting.from === account) { effect.balance -= posting.points; touched = true; }
    if (posting.to === account) { effect.balance += posting.points; touched = true; }
  }
  const data = entry.data || {};
  if (data.volunteer === account && entry.kind === "award") {
    touched = true;
    effect.earned += (entry.postings || []).filter((p) => p.to === account).reduce((sum, p) => sum + p.points, 0);
    effect.minutes += data.minutes || 0;
  } else if (data.volunteer === account && entry.kind === "reverse" && data.reversed_kind === "award") {
    touched = true;
    effect.earned -= (entry.postings || []).filter((p) => p.from === account).reduce((sum, p) => sum + p.points, 0);
    effect.minutes -= data.minutes || 0;
  }
  return touched ? effect : null;
}

/// `name+hexkeyid+base64(0x01 ‖ key)`: split at the first two `+` (base64
/// has `+` too); the key id must be the first 4 bytes of
/// SHA-256(name ‖ "\n" ‖ 0x01 ‖ key).
export async function parseVerifierKey(text) {
  const value = String(text || "").trim();
  const first = value.indexOf("+");
  const second = value.indexOf("+", first + 1);
  if (first <= 0 || second < 0) throw new Error("核验密钥的格式不对（应为 名称+密钥号+base64）");
  const name = value.slice(0, first);
  const id = value.slice(first + 1, second);
  const material = fromBase64(value.slice(second + 1));
  if (material.length !== 33 || material[0] !== 0x01) throw new Error("核验密钥不是 Ed25519 密钥");
  const digest = await sha256(concat(utf8.encode(name + "\n"), material));
  if (hex(digest.slice(0, 4)) !== id.toLowerCase()) throw new Error("核验密钥的密钥号与密钥不符");
  const publicKey = await crypto.subtle.importKey("raw", material.slice(1), { name: "Ed25519" }, false, ["verify"]);
  return { name, id: digest.slice(0, 4), publicKey };
}

/// The checkpoint of a signed note, once a signature by `key` verifies over
/// the text before the blank line (C2SP signed-note, tlog-checkpoint).
export async function verifiedCheckpoint(note, key) {
  const split = note.indexOf("\n\n");
  if (split < 0) throw new Error("签名检查点的格式不对");
  const text = note.slice(0, split + 1);
  const lines = text.split("\n");
  const origin = lines[0];
  const size = Number(lines[1]);
  const root = fromBase64(lines[2] || "");
  if (!/^\d+$/.test(lines[1] || "") || root.length !== 32) throw new Error("签名检查点的大小或根哈希不对");
  for (const line of note.slice(split + 2).split("\n")) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== key.name) continue;
    const blob = fromBase64(match[2]);
    if (blob.length !== 68 || !equal(blob.slice(0, 4), key.id)) continue;
    if (await crypto.subtle.verify({ name: "Ed25519" }, key.publicKey, blob.slice(4), utf8.encode(text))) return { origin, size, root };
    throw new Error("签名检查点的签名不对：这份证明被改过，或不是这个账本开的");
  }
  throw new Error("签名检查点没有这个核验密钥的签名");
}

/// RFC 9162 §2.1.3.2.
export async function inclusionVerifies(index, size, path, leaf, root) {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let hash = leaf;
  for (const sibling of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      hash = await sha256(concat([1], sibling, hash));
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      hash = await sha256(concat([1], hash, sibling));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(hash, root);
}

/// RFC 8785 for the values a ledger entry holds: object members sorted by
/// UTF-16 code units (JavaScript's own string order), numbers and strings
/// as JSON.stringify writes them, which is what the RFC specifies.
export function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value !== null && typeof value === "object") {
    return "{" + Object.keys(value).sort().map((name) => JSON.stringify(name) + ":" + canonical(value[name])).join(",") + "}";
  }
  return JSON.stringify(value);
}
