// The ledger's refusal reasons (stable wire names) in plain words.
const reasons = {
  code_used: "这个兑换码已经用过了",
  code_expired: "兑换码已过期，请志愿者重新出示",
  unknown_code: "没有这个兑换码，请核对后再输",
  insufficient_points: "积分不够",
  limit_exceeded: "超过了今天的限额",
  account_suspended: "账户已暂停使用",
  nothing_to_do: "没有需要改动的：已经是这样了",
  not_applicable: "这类账户不能这样设置",
  forbidden: "您没有权限做这件事",
  unknown_account: "没有这个账户，请核对编号",
  unknown_item: "没有这个商品",
  unknown_certificate: "没有这个编号的证明，请核对证明上的编号",
  rate_limited: "试得太频繁了，请稍等一会儿再试",
  cap_exceeded: "超过了服务时长的上限",
  budget_exhausted: "本月的积分预算已经用完",
  already_reversed: "这一笔已经撤销过了",
  not_reversible: "这一笔不能撤销",
  transfer_not_allowed: "规则不允许这样转赠",
  unknown_entry: "没有这一笔记录",
  unknown_category: "没有这个服务类别",
  invalid_request: "填写的内容有误",
  idempotency_conflict: "这次操作和上次不一致，请刷新后重来",
  too_large: "内容太多了",
  rules_invalid: "积分规则有问题，请联系管理员",
  unauthorized: "登录凭证无效",
  throttled: "尝试次数太多，请稍后再试",
  sheet_invalid: "表格有问题，请改好再传",
};

// What a sheet's reader or the ledger says about one row, or about the whole sheet.
const sheetReasons = {
  missing_value: "缺少志愿者编号或时长",
  bad_volunteer: "志愿者编号不对（要像 V000123，不能写姓名或手机号）",
  bad_minutes: "时长要写整数分钟，不要带“分钟”等字",
  minutes_out_of_range: "时长要在 1 到 1440 分钟之间",
  duplicate_volunteer: "同一个人在同一个活动里写了两遍",
  bad_encoding: "这一行有乱码",
  ragged_row: "这一行的格子数不对（可能多了逗号）",
  bad_start: "开始时间写得不对",
  bad_activity: "活动编号、类别或标签写得不对",
  unclosed_quote: "引号没有配对",
  too_long: "这一行内容太长",
  missing_column: "表头要有“志愿者编号”和“时长（分钟）”两列",
  duplicate_column: "有两列写的是同一项",
  bad_header: "表头有问题",
  empty_sheet: "表头下面没有人",
  read_failed: "读不了这个文件",
};

export function sheetReasonText(reason) {
  return sheetReasons[reason] || reasons[reason] || "这一行有问题";
}

export function reasonText(reason) {
  return reasons[reason] || "操作没有成功";
}

/// Why a token was refused, from the server's message (its reason is
/// always `unauthorized`).
export function signInReason(error) {
  const message = (error && error.message) || "";
  if (/expired/.test(message)) return "登录凭证已过期，请向社区办公室要一张新的登录卡。";
  if (/revoked/.test(message)) return "登录凭证已停用，请向社区办公室要一张新的登录卡。";
  if (/not one this ledger issued/.test(message)) return "这个登录凭证不对，请重新扫码或输入。";
  if (error && error.reason === "throttled") return "尝试次数太多，请稍后再试。";
  return "请先登录。";
}

export const kinds = {
  "account.open": "开户",
  "account.update": "账户变更",
  award: "服务奖励",
  redeem: "兑换",
  reverse: "撤销",
  transfer: "转赠",
  expire: "过期",
  settle: "结算",
  genesis: "创建账本",
  "rules.publish": "发布规则",
};

export const categories = {
  environment: "环境整治",
  elder_care: "帮扶老弱",
  home_visit: "上门服务",
  culture: "文体宣教",
  outreach: "政策宣传",
};
