// The few facts of a published rule set (YAML) the pages need: the days of
// public notice, whether gifts are allowed, and the star thresholds. Read
// from the top-level keys of the default layout (seeds/rules/shizhong.yaml);
// a rule set written otherwise leaves them unknown (null), never guessed.

export function ruleFacts(yaml) {
  const text = String(yaml || "");
  const pending = /^pending_days:\s*(\d+)\s*(#.*)?$/m.exec(text);
  const transfer = /^transfer:\s*\n(?:[ \t]+.*\n)*?[ \t]+allowed:\s*(true|false)/m.exec(text);
  return {
    pendingDays: pending ? Number(pending[1]) : null,
    transferAllowed: transfer ? transfer[1] === "true" : false,
    starHours: starHours(text),
  };
}

/// `stars:\n  hours: [100, 300, …]`, or null.
export function starHours(text) {
  const match = /^stars:\s*\n[ \t]+hours:\s*\[([0-9,\s]*)\]/m.exec(String(text || ""));
  if (!match) return null;
  return match[1].split(",").map((part) => part.trim()).filter(Boolean).map(Number);
}
