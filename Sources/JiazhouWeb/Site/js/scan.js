// Scanning a volunteer's one-time code with the till's camera, where the
// browser can (the Shape Detection API's BarcodeDetector, with
// getUserMedia); typing the code always works, so without them there is no
// button at all.
import { h } from "./dom.js";

/// How long one scan looks before it gives up, and how often it looks.
const scanMilliseconds = 60_000;
const frameMilliseconds = 250;

/// A "扫码" button and its camera view, or null where the browser cannot
/// scan. `onCode` gets the code read from the first QR code that holds one.
export function scanner(onCode) {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return null;
  const video = h("video", { id: "scan-video", class: "scan-video", playsinline: true, muted: true, hidden: true });
  const status = h("p", { id: "scan-status", role: "status" });
  const button = h("button", { type: "button", id: "scan", class: "big" }, "扫码");
  let stream = null;
  const stop = () => {
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    button.disabled = false;
  };
  const scan = async () => {
    button.disabled = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
    } catch {
      stop();
      status.textContent = "打不开摄像头，请直接输入兑换码";
      return;
    }
    status.textContent = "请对准顾客手机上的二维码";
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    const until = Date.now() + scanMilliseconds;
    while (stream && Date.now() < until) {
      let found = [];
      try {
        found = await detector.detect(video);
      } catch {
        // A frame that is not ready yet: look at the next one.
      }
      const code = found.map((symbol) => String(symbol.rawValue || "").trim()).find((text) => /^[0-9A-Za-z-]{4,32}$/.test(text));
      if (code) {
        stop();
        status.textContent = "已扫到兑换码";
        onCode(code.toUpperCase());
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, frameMilliseconds));
    }
    stop();
    status.textContent = "没有扫到，请直接输入兑换码";
  };
  button.addEventListener("click", scan);
  return h("div", { class: "scan" }, button, video, status);
}
