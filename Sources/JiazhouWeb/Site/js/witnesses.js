// The witnesses on the check pages (check.js, public.js): the field of
// their verifier keys, prefilled from /v1/info and open to keys obtained
// elsewhere, and what the check found for each witness.
import { field, h, when } from "./dom.js";

/// A textarea of the witness keys /v1/info lists, one a line (a witness
/// last cosigned before keys were kept offers none).
export function witnessKeysInput(info) {
  const keys = (info.witnesses || []).map((witness) => witness.verifier_key).filter(Boolean);
  const input = h("textarea", { id: "witness-keys", class: "mono", rows: Math.max(3, keys.length * 3), spellcheck: "false", autocomplete: "off" });
  input.value = keys.join("\n");
  return input;
}

export function witnessKeysField(input) {
  return field("见证方公钥（每行一个，可换成您从别处得到的）", input, "见证方是账本以外的单位。它们的副签说明：它们看到的账本和您看到的是同一本，没有被改写。");
}

const words = {
  valid: { mark: "✓", tone: "good", say: (w) => `副签有效（${when(w.time * 1000)} 签）` },
  invalid: { mark: "✗", tone: "bad", say: () => "副签不对，证明不成立" },
  missing: { mark: "–", tone: "", say: () => "这份证明里没有它的副签" },
  unchecked: { mark: "?", tone: "", say: () => "有它的副签，但没有填它的公钥，无法核对" },
};

/// One line a witness: its name, and whether its cosignature holds.
export function witnessResults(witnesses) {
  const rows = witnesses || [];
  if (rows.length === 0) return h("p", { class: "hint", id: "witness-results" }, "没有填见证方公钥，这份证明里也没有见证方的副签。");
  return h(
    "div",
    { id: "witness-results" },
    h("h2", {}, "见证方"),
    h(
      "ul",
      { class: "rows" },
      rows.map((witness) => {
        const word = words[witness.state];
        return h(
          "li",
          { class: "witness", "data-state": witness.state },
          h("span", { class: word.tone }, word.mark),
          h("span", { class: "what" }, witness.name),
          h("span", { class: "when" + (word.tone === "bad" ? " bad" : "") }, word.say(witness)),
        );
      }),
    ),
  );
}
