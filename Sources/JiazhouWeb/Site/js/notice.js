// The banner for failures that are nobody's fault: the network or the
// server. What the person typed stays where it is.
import { byId, h } from "./dom.js";

export function tryAgain(error, retry) {
  const notice = byId("notice");
  notice.replaceChildren(
    h("span", {}, error.kind === "network" ? "连不上服务器，请检查网络后再试。" : "服务器暂时出错了，请再试一次。"),
    h("button", { type: "button", class: "quiet", on: { click: () => { notice.hidden = true; retry(); } } }, "再试一次"),
  );
  notice.hidden = false;
}

export function clearNotice() {
  byId("notice").hidden = true;
}
