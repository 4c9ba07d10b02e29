// Witnesses' cosignatures of a statement's checkpoint (c2sp.org/tlog-cosignature
// v1 with Ed25519, Ledger/SPEC.md §16.1), checked in the browser exactly as
// Cosignature.swift checks them. A cosignature line is a signed-note line
// `— name base64(key id ‖ timestamp ‖ signature)`: the key id is the first 4
// bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key), the timestamp 8 bytes
// big-endian, the Ed25519 signature 64 bytes, over the message
// "cosignature/v1\ntime <T>\n" followed by the checkpoint text.
import { concat, equal, fromCanonicalBase64, hex, sha256, utf8 } from "./bytes.js";

const signatureType = 0x04;
/// Limits.witnesses: most witness keys one verifier takes.
const maxKeys = 32;
/// Limits.witnessNameBytes.
const maxNameBytes = 256;
const maxTimestamp = (1n << 63n) - 1n;

/// Witness verifier keys, one a line (blank lines skipped):
/// `{ keys, problems }`, a problem naming each line that is not a key.
export async function parseWitnessKeys(text) {
  const keys = [];
  const problems = [];
  const lines = String(text || "").split("\n").map((line) => line.trim());
  if (lines.filter((line) => line !== "").length > maxKeys) return { keys, problems: [`见证方公钥最多填 ${maxKeys} 个`] };
  for (const [n, line] of lines.entries()) {
    if (line === "") continue;
    try {
      const key = await parseWitnessKey(line);
      if (!keys.some((known) => known.witness === key.witness)) keys.push(key);
    } catch (error) {
      problems.push(`见证方公钥第 ${n + 1} 行${error.message}`);
    }
  }
  return { keys, problems };
}

/// `name+hexkeyid+base64(0x04 ‖ 32-byte key)`, split at the first two `+`
/// (CosignatureVerifier(verifierKey:)): the key id must be the key's own.
export async function parseWitnessKey(value) {
  const first = value.indexOf("+");
  const second = value.indexOf("+", first + 1);
  if (first <= 0 || second < 0) throw new Error("的格式不对（应为 名称+密钥号+base64）");
  const name = value.slice(0, first);
  if (!validName(name)) throw new Error("的名称不对（不能有空格，最长 256 字节）");
  const material = fromCanonicalBase64(value.slice(second + 1));
  if (!material || material.length !== 33 || material[0] !== signatureType) throw new Error("不是见证方的 Ed25519 公钥（cosignature/v1）");
  const id = (await sha256(concat(utf8.encode(name + "\n"), material))).slice(0, 4);
  if (hex(id) !== value.slice(first + 1, second)) throw new Error("的密钥号与密钥不符");
  const publicKey = await crypto.subtle.importKey("raw", material.slice(1), { name: "Ed25519" }, false, ["verify"]);
  return { name, id, witness: `${name}+${hex(id)}`, publicKey };
}

function validName(name) {
  return name !== "" && !/[\s+\u0000-\u001f]/u.test(name) && utf8.encode(name).length <= maxNameBytes;
}

/// What the signature lines of `note` say of each witness: for every key
/// given, "valid" (every line by its name and key id verifies, as
/// SignedNote.isSigned(by:) asks; `time` the latest, in seconds), "invalid"
/// (one does not) or "missing" (no line); then "unchecked" for each line of
/// a key not given, other than `ledgerKey`'s own. `malformed` counts the
/// lines that are not signature lines (a note Swift's SignedNote refuses).
export async function checkCosignatures(note, keys, ledgerKey) {
  const split = note.indexOf("\n\n");
  if (split < 0) return { witnesses: [], malformed: 0 };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const found = new Map(keys.map((key) => [key.witness, []]));
  const unchecked = new Map();
  let malformed = 0;
  for (const line of lines) {
    const signature = parseLine(line);
    if (!signature) { malformed += 1; continue; }
    const { name, id, blob } = signature;
    if (ledgerKey && name === ledgerKey.name && equal(id, ledgerKey.id)) continue;
    const key = keys.find((k) => k.name === name && equal(k.id, id));
    if (key) found.get(key.witness).push(await timestampOf(key, blob, text));
    else unchecked.set(`${name}+${hex(id)}`, { witness: `${name}+${hex(id)}`, name, state: "unchecked" });
  }
  const given = keys.map((key) => {
    const times = found.get(key.witness);
    if (times.length === 0) return { witness: key.witness, name: key.name, state: "missing" };
    if (times.includes(null)) return { witness: key.witness, name: key.name, state: "invalid" };
    const latest = times.reduce((a, b) => (b > a ? b : a));
    return { witness: key.witness, name: key.name, state: "valid", time: Number(latest) };
  });
  return { witnesses: [...given, ...unchecked.values()], malformed };
}

/// `— name base64(key id ‖ signature)`, the blob in canonical base64 and at least 5 bytes (SignedNote).
function parseLine(line) {
  const fields = line.split(" ");
  if (fields.length !== 3 || fields[0] !== "\u2014" || !validName(fields[1])) return null;
  const bytes = fromCanonicalBase64(fields[2]);
  if (!bytes || bytes.length < 5) return null;
  return { name: fields[1], id: bytes.slice(0, 4), blob: bytes.slice(4) };
}

/// The timestamp of `blob` (timestamp ‖ signature) if it is `key`'s
/// cosignature of `text`; `null` otherwise (CosignatureVerifier.timestamp(ofCosignature:on:)).
async function timestampOf(key, blob, text) {
  if (blob.length !== 8 + 64) return null;
  const timestamp = blob.slice(0, 8).reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  if (timestamp > maxTimestamp) return null;
  const message = utf8.encode(`cosignature/v1\ntime ${timestamp}\n` + text);
  return (await crypto.subtle.verify({ name: "Ed25519" }, key.publicKey, blob.slice(8), message)) ? timestamp : null;
}
