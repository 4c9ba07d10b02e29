/// The default rule set of Shizhong district, built into the binary so that
/// `jiazhou init` needs no files. The same text is `seeds/rules/shizhong.yaml`;
/// a test keeps the two identical.
public enum DefaultRuleSet {
    public static let text = """
# 市中区志愿服务积分规则 — the default rule set of Shizhong district.
# Points for service: points = counted minutes × points_per_hour / 60, rounded
# down; then each bonus rule below that holds, in order; then the caps and the
# issuer's monthly budget. Every award records this rule set's version and
# hash and the explanation of its points. Category and rule ids are
# API-visible and stable (PROTOCOL.md).
version: 1
name: 市中区志愿服务积分规则（默认）
timezone: Asia/Shanghai

categories:
  environment:
    label: 环境整治
    points_per_hour: 10
  elder_care:
    label: 帮扶老弱
    points_per_hour: 15
  home_visit:
    label: 上门服务
    points_per_hour: 15
  culture:
    label: 文体宣教
    points_per_hour: 8
  outreach:
    label: 政策宣传
    points_per_hour: 8

# Bonus rules (加分规则), in CEL. Variables: activity, volunteer, category,
# calendar (the activity's start in Asia/Shanghai: date, weekday with 0 =
# Sunday, hour, weekend, holiday), minutes (counted) and base (the points
# above). Each gives exactly one of bonus (points), percent (of base) or
# points (an expression).
rules:
  - id: weekend_holiday
    label: 周末及法定节假日服务 +20%
    when: calendar.weekend || calendar.holiday
    percent: 20
  - id: night
    label: 夜间服务（19:00 至次日 6:00 开始）+10%
    when: calendar.hour >= 19 || calendar.hour < 6
    percent: 10
  - id: one_old_one_young
    label: “一老一小”重点人群服务 +30%
    when: activity.tags.exists(t, t in ["一老一小", "一老", "一小"])
    percent: 30
  - id: silver_age
    label: 银龄行动志愿者（每次 +5 分）
    when: volunteer.tags.exists(t, t in ["silver_age", "银龄"])
    bonus: 5
  - id: long_service
    label: 长时服务（每满 4 小时另加 5 分）
    when: minutes >= 240
    points: minutes / 240 * 5

# Caps per volunteer, by the day, ISO week and month of the activity (Asia/Shanghai).
# At most 8 hours of service count a day; minutes beyond the cap earn nothing
# and are not added to the service record.
caps:
  day:
    minutes: 480
    points: 150
  week:
    points: 600
  month:
    points: 2000

# Monthly issuance budgets by the level of the paying issuer's scope. An
# issuer opened with its own budget uses that instead.
budgets:
  street: 300000
  community: 30000
  grid: 5000

# 公示: awarded points are shown publicly for 7 days before they can be
# spent; a reversal within those days cancels them outright.
pending_days: 7

# Points expire 24 months after they were awarded, oldest first.
expiry_months: 24

# A till that types 10 codes never issued within 15 minutes is refused
# (rate_limited) until the first of them is 15 minutes old: codes cannot be
# guessed at the counter.
redemption:
  code_minutes: 10
  merchant_day_points: 20000
  volunteer_day_points: 500
  unknown_code_limit: 10
  unknown_code_minutes: 15

# 积分转赠: a volunteer may give spendable points to another volunteer, here
# only to silver-age volunteers (嘉州银龄联盟), such as an elderly relative, as
# time banks do; at most 200 points given and 500 received a day. The oldest
# points go first; service hours and stars never move.
transfer:
  allowed: true
  giver_day_points: 200
  recipient_day_points: 500
  to_tags: [silver_age, 银龄]

# Statutory public holidays of 2026 (国务院办公厅 notice), for calendar.holiday.
holidays: [
  2026-01-01, 2026-01-02, 2026-01-03,
  2026-02-15, 2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20, 2026-02-21, 2026-02-22, 2026-02-23,
  2026-04-04, 2026-04-05, 2026-04-06,
  2026-05-01, 2026-05-02, 2026-05-03, 2026-05-04, 2026-05-05,
  2026-06-19, 2026-06-20, 2026-06-21,
  2026-09-25, 2026-09-26, 2026-09-27,
  2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07
]

# Star levels (星级志愿者) by cumulative counted service hours. Hours are the
# record of service and are never spent.
stars:
  hours: [100, 300, 600, 1000, 1500]

"""
}
