// Start: take a sign-in link's token from the fragment, ask whom it acts
// as, and show that person's page. The fragment never reaches the server,
// and is removed from the address bar at once.
import { ApiError, forgetToken, get, keepToken, token } from "./api.js";
import { byId, field, h, show } from "./dom.js";
import { signInReason } from "./words.js";
import { clearNotice, tryAgain } from "./notice.js";
import { volunteerPage } from "./volunteer.js";
import { merchantPage } from "./merchant.js";
import { coordinatorPage } from "./coordinator.js";
import { publicPage } from "./public.js";
import { checkPage } from "./check.js";

const app = byId("app");

function takeTokenFromLink() {
  const match = /^#t=([^&]+)/.exec(location.hash);
  if (!match) return;
  keepToken(decodeURIComponent(match[1]));
  history.replaceState(null, "", location.pathname);
}

export function signIn(reason) {
  byId("who").textContent = "";
  byId("sign-out").hidden = true;
  const input = h("input", { type: "password", autocomplete: "off", spellcheck: "false" });
  const form = h(
    "form",
    { class: "card", on: { submit: (event) => { event.preventDefault(); if (input.value.trim()) { keepToken(input.value.trim()); start(); } } } },
    h("h1", {}, "登录"),
    reason ? h("p", { class: "bad", role: "alert", id: "sign-in-reason" }, reason) : null,
    h("p", {}, "请用手机扫描社区给您的登录卡上的二维码。没有扫码的话，也可以把卡上的登录码输入下面。"),
    field("登录码", input),
    h("button", { type: "submit", class: "big" }, "登录"),
  );
  show(app, form, h("p", {}, h("a", { href: "/#public" }, "不登录，查看公开账本或核验证明")));
}

/// What a page does with an error it did not handle itself.
export function failed(error, retry) {
  if (error instanceof ApiError && error.kind === "auth") {
    forgetToken();
    signIn(signInReason(error));
  } else if (error instanceof ApiError && error.retryable) {
    tryAgain(error, retry);
  } else {
    throw error;
  }
}

async function start() {
  clearNotice();
  if (location.hash.startsWith("#public")) return publicPage(app, { failed });
  const check = /^#check=([^&]*)/.exec(location.hash);
  if (check) return checkPage(app, { failed }, decodeURIComponent(check[1]));
  if (!token()) return signIn(null);
  let session;
  try {
    session = await get("/v1/session");
  } catch (error) {
    return failed(error, start);
  }
  byId("who").textContent = session.principal;
  const out = byId("sign-out");
  out.hidden = false;
  out.onclick = () => { forgetToken(); signIn("您已退出。"); };
  const context = { session, failed, app };
  if (session.kind === "volunteer") return volunteerPage(app, context);
  if (session.kind === "merchant") return merchantPage(app, context);
  return coordinatorPage(app, context);
}

takeTokenFromLink();
window.addEventListener("hashchange", () => { takeTokenFromLink(); start(); });
start();
