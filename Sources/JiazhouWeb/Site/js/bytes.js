// Bytes for the checks done in the browser (verify.js, cosignature.js):
// SHA-256 through WebCrypto, and the hex and base64 spellings the ledger uses.

export const utf8 = new TextEncoder();

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

export function concat(...parts) {
  const arrays = parts.map((part) => (part instanceof Uint8Array ? part : Uint8Array.from(part)));
  const out = new Uint8Array(arrays.reduce((sum, a) => sum + a.length, 0));
  let offset = 0;
  for (const a of arrays) { out.set(a, offset); offset += a.length; }
  return out;
}

export function equal(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(text) {
  const value = String(text);
  if (!/^([0-9a-f]{2})*$/.test(value)) return new Uint8Array(0);
  return Uint8Array.from(value.match(/../g) || [], (pair) => parseInt(pair, 16));
}

/// Lenient, as the ledger's own key check has always read it: empty when not base64.
export function fromBase64(text) {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

/// The bytes `text` spells only if it is their one canonical spelling
/// (Base64.decode(canonical:) in Swift): otherwise `null`, so that two
/// spellings of one signature line cannot both pass.
export function fromCanonicalBase64(text) {
  let bytes;
  try {
    bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  return btoa(String.fromCharCode(...bytes)) === text ? bytes : null;
}
