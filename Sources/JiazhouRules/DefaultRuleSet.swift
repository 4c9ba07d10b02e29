/// The default rule set of Shizhong district, built into the binary so that
/// `jiazhou init` needs no files. The same text is `seeds/rules/shizhong.yaml`;
/// a test keeps the two identical.
public enum DefaultRuleSet {
    public static let text = """
# 市中区志愿服务积分规则 — the default rule set of Shizhong district.
# Points for service: points = minutes × points_per_hour / 60, rounded down.
# Category ids are API-visible and stable (PROTOCOL.md).
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

# Star levels (星级志愿者) by cumulative counted service hours.
stars:
  hours: [100, 300, 600, 1000, 1500]

"""
}
