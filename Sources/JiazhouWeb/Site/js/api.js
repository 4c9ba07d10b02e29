// The one way the pages talk to the server: same origin, the token only in
// the Authorization header (never a cookie, never the URL), nothing cached.

const tokenKey = "jiazhou.token";

export function token() {
  return localStorage.getItem(tokenKey);
}

export function keepToken(text) {
  localStorage.setItem(tokenKey, text);
}

export function forgetToken() {
  localStorage.removeItem(tokenKey);
}

/// What went wrong, sorted by what the person should do: `network` and
/// `server` → try again (what was typed stays); `auth` → sign in again;
/// `refused` → the reason, in plain words.
export class ApiError extends Error {
  constructor(kind, status, reason, message, details) {
    super(message || reason || kind);
    this.kind = kind;
    this.status = status;
    this.reason = reason;
    this.details = details || {};
  }
  get retryable() {
    return this.kind === "network" || this.kind === "server";
  }
}

/// A fresh idempotency key: one per attempt, so that a double tap or a
/// retry after a lost answer writes once. getRandomValues, not randomUUID:
/// it exists outside secure contexts too (a till on the shop's network).
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/// `bytes` (a file's contents) is sent as it is, instead of a JSON `body`.
export async function call(method, path, { body, bytes, key } = {}) {
  const headers = { Accept: "application/json" };
  const current = token();
  if (current) headers.Authorization = "Bearer " + current;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (bytes !== undefined) headers["Content-Type"] = "text/csv";
  if (key) headers["Idempotency-Key"] = key;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: bytes !== undefined ? bytes : body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
  } catch (error) {
    throw new ApiError("network", 0, "network", String(error));
  }
  const type = response.headers.get("Content-Type") || "";
  let payload = null;
  try {
    payload = type.startsWith("application/json") ? await response.json() : await response.text();
  } catch (error) {
    throw new ApiError("network", response.status, "network", String(error));
  }
  return settle(response.status, payload);
}

/// A parsed answer: the payload of a 2xx, else the ApiError it means.
function settle(status, payload) {
  if (status >= 200 && status < 300) return payload;
  const failure = (payload && payload.error) || {};
  if (status >= 500) throw new ApiError("server", status, failure.reason, failure.message);
  if (status === 401) throw new ApiError("auth", 401, failure.reason, failure.message);
  throw new ApiError("refused", status, failure.reason, failure.message, failure);
}

/// A file's bytes POSTed as `call` would, through XMLHttpRequest, which
/// (unlike fetch) tells how much of the body has gone: `onProgress(sent,
/// total)` while a sheet uploads. The answer and the failures are `call`'s.
export function upload(path, bytes, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("Content-Type", "text/csv");
    const current = token();
    if (current) request.setRequestHeader("Authorization", "Bearer " + current);
    if (onProgress) request.upload.addEventListener("progress", (event) => onProgress(event.loaded, event.lengthComputable ? event.total : bytes.length));
    request.addEventListener("load", () => {
      const type = request.getResponseHeader("Content-Type") || "";
      let payload = request.responseText;
      if (type.startsWith("application/json")) {
        try {
          payload = JSON.parse(request.responseText);
        } catch (error) {
          return reject(new ApiError("network", request.status, "network", String(error)));
        }
      }
      try {
        resolve(settle(request.status, payload));
      } catch (error) {
        reject(error);
      }
    });
    const lost = () => reject(new ApiError("network", 0, "network", "the connection failed"));
    request.addEventListener("error", lost);
    request.addEventListener("abort", lost);
    request.addEventListener("timeout", lost);
    request.send(bytes);
  });
}

/// A report as a file (`format=csv|xlsx`): its bytes, the name the server
/// gives it, and the response's headers. Failures are thrown as by `call`.
export async function file(method, path, { bytes } = {}) {
  const headers = {};
  const current = token();
  if (current) headers.Authorization = "Bearer " + current;
  if (bytes !== undefined) headers["Content-Type"] = "application/octet-stream";
  let response;
  try {
    response = await fetch(path, { method, headers, body: bytes, cache: "no-store", credentials: "omit" });
  } catch (error) {
    throw new ApiError("network", 0, "network", String(error));
  }
  if (!response.ok) {
    let failure = {};
    try {
      failure = (await response.json()).error || {};
    } catch (error) {}
    if (response.status >= 500) throw new ApiError("server", response.status, failure.reason, failure.message);
    if (response.status === 401) throw new ApiError("auth", 401, failure.reason, failure.message);
    throw new ApiError("refused", response.status, failure.reason, failure.message, failure);
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const named = /filename="([^"]+)"/.exec(disposition);
  return { blob: await response.blob(), name: named ? named[1] : "report", headers: response.headers };
}

export const get = (path) => call("GET", path);
export const post = (path, body, key) => call("POST", path, { body, key });

/// An account id as a path segment (an issuer's id holds '/').
export function segment(id) {
  return encodeURIComponent(id);
}

/// Every page of an account's history, oldest first, up to `pages` pages.
export async function wholeHistory(account, pages = 20) {
  const entries = [];
  let after = null;
  for (let page = 0; page < pages; page++) {
    const query = after === null ? "?limit=1000" : `?limit=1000&after=${after}`;
    const result = await get(`/v1/accounts/${segment(account)}/history${query}`);
    entries.push(...result.entries);
    if (result.next === null || result.next === undefined) return { entries, complete: true };
    after = result.next;
  }
  return { entries, complete: false };
}
