#!/usr/bin/env python3
"""Generate the Jiazhou Points demo world in seeds/.

    python3 seeds/generate.py

Standard library only, one fixed seed: every run rewrites world.json,
volunteers.csv, coordinators.csv, issuers.csv, merchants.csv and week.json
byte-for-byte identically. Everyone in these files is synthetic.

The shape follows the district's published figures (../shared/SEED-FACTS.md),
scaled down: 4 streets, 12 communities, 100 grids, 3,000 volunteers, the
"九龙巷—顺城街" historic quarter's shops, and one week of activities.

A validation pass runs before anything is written; any inconsistency stops
the script with a non-zero exit and a message naming the offending record.
"""

import datetime
import json
import os
import re
import sys
from random import Random

SEED = 20261123
HERE = os.path.dirname(os.path.abspath(__file__))
TZ = datetime.timezone(datetime.timedelta(hours=8))
WEEK_START = datetime.date(2026, 11, 23)  # Monday
VOLUNTEER_COUNT = 3000

# --------------------------------------------------------------------------
# The governance tree. Grid counts are fixed (7-10 a community, 100 in all).

STREETS = [
    ("tongjiang", "通江街道", [
        ("baiyang", "白杨社区", 9),
        ("jiangbin", "江滨社区", 8),
        ("yingbin", "迎宾社区", 8),
    ]),
    ("lvxin", "绿心街道", [
        ("lvyuan", "绿苑社区", 8),
        ("taoyuan", "桃源社区", 9),
        ("qingyi", "青衣社区", 7),
    ]),
    ("haitang", "海棠街道", [
        ("jiulongxiang", "九龙巷社区", 10),
        ("shunchengjie", "顺城街社区", 9),
        ("guihualou", "桂花楼社区", 8),
    ]),
    ("dafo", "大佛街道", [
        ("lingyun", "凌云社区", 8),
        ("wuyou", "乌尤社区", 7),
        ("minjiang", "岷江社区", 9),
    ]),
]

CATEGORIES = {
    "environment": "环境整治",
    "elder_care": "帮扶老弱",
    "home_visit": "上门服务",
    "culture": "文体宣教",
    "outreach": "政策宣传",
}
ACTIVITY_TAGS = ["一老一小", "银龄", "夜间"]
VOLUNTEER_TAGS = ["silver_age", "haitang_glimmer", "rider", "party_member", "resident"]
MERCHANT_KINDS = ["cafe", "tea", "books", "restaurant", "guesthouse", "store", "points_market"]

# --------------------------------------------------------------------------
# Names. Surnames weighted roughly by frequency (Sichuan-leaning); given
# names drawn from an older and a younger pool, so that silver-age
# volunteers tend to carry names of their generation.

SURNAMES = (
    "王" * 9 + "李" * 9 + "张" * 8 + "刘" * 8 + "陈" * 8 + "杨" * 7 + "黄" * 5
    + "赵" * 4 + "周" * 4 + "吴" * 4 + "罗" * 4 + "何" * 4 + "邓" * 3 + "曾" * 3
    + "彭" * 3 + "谢" * 3 + "唐" * 3 + "蒋" * 3 + "廖" * 3 + "徐" * 2 + "胡" * 2
    + "朱" * 2 + "林" * 2 + "郭" * 2 + "马" * 2 + "宋" * 2 + "冯" * 2 + "袁" * 2
    + "杜" * 2 + "钟" * 2 + "田" * 2 + "任" * 2 + "苏" * 2 + "雷" * 2 + "熊" * 2
    + "高孙梁郑韩董程曹许傅沈吕卢蔡魏叶余潘戴夏汪姜范方石姚谭邹金陆"
    + "郝孔崔康毛邱秦江侯邵孟龙万段汤尹黎易常贺赖龚文向付严牟敬税"
)
OLD_FIRST = "建国秀淑桂玉德志国文明永家光春素凤兰淑仁福"
OLD_SECOND = "华英芬珍兰芳明强平军民荣清生昌琴梅云良贵"
YOUNG_FIRST = "子雨浩思梓欣一宇俊佳诗嘉若晨睿沐语奕可书"
YOUNG_SECOND = "涵轩然远怡琪萱航泽彤晴瑶辰铭悦萌宁杰阳菲"
SINGLE = "伟芳敏静磊军勇丽杰涛婷娟鑫露超霞斌燕艳亮刚红倩俊波琳洁"
# Public figures a random draw could land on: never generated.
AVOID_NAMES = {
    "李强", "王毅", "李娜", "刘翔", "姚明", "马云", "李宁", "王菲", "周迅",
    "刘德华", "张学友", "郭富城", "黎明", "成龙", "赵薇", "孙俪", "胡锦涛",
    "李克强", "江泽民", "朱镕基", "李鹏", "王沪宁", "赵乐际", "蔡奇", "李希",
    "韩正", "王岐山", "杨利伟", "邓亚萍", "张艺谋", "陈凯歌", "李连杰",
    "唐国强", "王刚", "陈红", "吴磊", "张杰", "刘涛", "周涛", "朱军", "韩红",
    "李静", "邓超", "李健", "王源", "张一山", "李一桐", "朱一龙", "王一博",
}


def make_namer(rng):
    used = set()

    def name(old):
        while True:
            surname = rng.choice(SURNAMES)
            if rng.random() < 0.28:
                given = rng.choice(SINGLE)
            elif old:
                given = rng.choice(OLD_FIRST) + rng.choice(OLD_SECOND)
            else:
                given = rng.choice(YOUNG_FIRST) + rng.choice(YOUNG_SECOND)
            full = surname + given
            if full in used or full in AVOID_NAMES or given[0] == given[-1] and len(given) == 2:
                continue
            used.add(full)
            return full

    return name


# --------------------------------------------------------------------------
# World


def build_world():
    streets = []
    for sid, sname, communities in STREETS:
        cs = []
        for cid, cname, ngrids in communities:
            grids = [{"id": "g%02d" % i, "name": "第%d网格" % i} for i in range(1, ngrids + 1)]
            cs.append({"id": cid, "name": cname, "grids": grids})
        streets.append({"id": sid, "name": sname, "communities": cs})
    return {"district": {"id": "shizhong", "name": "市中区"}, "streets": streets}


def scopes_of(world):
    """Every scope path → (level, name), in tree order."""
    d = world["district"]["id"]
    out = {d: ("district", world["district"]["name"])}
    for s in world["streets"]:
        sp = d + "/" + s["id"]
        out[sp] = ("street", s["name"])
        for c in s["communities"]:
            cp = sp + "/" + c["id"]
            out[cp] = ("community", c["name"])
            for g in c["grids"]:
                out[cp + "/" + g["id"]] = ("grid", g["name"])
    return out


def contains(outer, inner):
    return inner == outer or inner.startswith(outer + "/")


def street_of(scope):
    return "/".join(scope.split("/")[:2])


def community_of(scope):
    return "/".join(scope.split("/")[:3])


# --------------------------------------------------------------------------
# Volunteers


def build_volunteers(rng, world, name):
    grids = [p for p, (lvl, _) in scopes_of(world).items() if lvl == "grid"]
    weights = [0.6 + 0.9 * rng.random() for _ in grids]
    phones = rng.sample(range(10000), VOLUNTEER_COUNT)
    rows = []
    for i in range(VOLUNTEER_COUNT):
        scope = rng.choices(grids, weights)[0]
        in_haitang = scope.startswith("shizhong/haitang/")
        tags = []
        silver = rng.random() < 0.15
        if silver:
            tags.append("silver_age")
        if rng.random() < (0.27 if in_haitang else 0.045):
            tags.append("haitang_glimmer")
        rider = not silver and rng.random() < 0.095
        if rider:
            tags.append("rider")
        if rng.random() < (0.28 if silver else 0.19):
            tags.append("party_member")
        if rng.random() < (0.5 if rider else 0.86) or not tags:
            tags.append("resident")
        rows.append({
            "volunteer": "V%06d" % (i + 1),
            "name": name(silver),
            "phone": "1990000%04d" % phones[i],
            "scope": scope,
            "tags": tags,
        })
    return rows


# --------------------------------------------------------------------------
# Coordinators, issuers, merchants

# Grids left without a full-time grid worker (331 workers for 345 grids in
# the district; here a handful of vacancies).
VACANT_GRIDS = 7


def build_coordinators(rng, world, name, needed_grids):
    rows = [{"coordinator": "coordinator:office-shizhong", "name": "市中区志愿服务指导中心", "scope": "shizhong"}]
    grid_rows = []
    for s in world["streets"]:
        sp = "shizhong/" + s["id"]
        rows.append({"coordinator": "coordinator:office-" + s["id"], "name": s["name"] + "志愿服务站", "scope": sp})
        for c in s["communities"]:
            cp = sp + "/" + c["id"]
            rows.append({"coordinator": "coordinator:office-" + c["id"], "name": c["name"] + "党群服务中心", "scope": cp})
            for g in c["grids"]:
                grid_rows.append((c["id"], g["id"], cp + "/" + g["id"]))
    candidates = [r for r in grid_rows if r[2] not in needed_grids]
    vacant = set(r[2] for r in rng.sample(candidates, VACANT_GRIDS))
    for cid, gid, gp in grid_rows:
        if gp in vacant:
            continue
        rows.append({"coordinator": "coordinator:gw-%s-%s" % (cid, gid), "name": name(rng.random() < 0.3), "scope": gp})
    return rows


def build_issuers(world):
    rows = [{"issuer": "issuer:shizhong", "budget": 500000}]
    for s in world["streets"]:
        sp = "shizhong/" + s["id"]
        rows.append({"issuer": "issuer:" + sp, "budget": 100000})
        for c in s["communities"]:
            rows.append({"issuer": "issuer:" + sp + "/" + c["id"], "budget": 30000})
    return rows


JLX = "shizhong/haitang/jiulongxiang"
SCJ = "shizhong/haitang/shunchengjie"
GHL = "shizhong/haitang/guihualou"
MERCHANTS = [
    # The 九龙巷—顺城街 historic quarter: most of it in 九龙巷社区 ...
    ("jiulongxiang-cafe", "九龙巷咖啡", JLX, "cafe"),
    ("laoxiaoding-cafe", "老霄顶咖啡馆", JLX, "cafe"),
    ("sanjiang-cafe", "三江汇咖啡", JLX, "cafe"),
    ("jiulongxiang-teahouse", "九龙巷老茶馆", JLX, "tea"),
    ("longshenci-tea", "龙神祠盖碗茶", JLX, "tea"),
    ("jiulongxiang-books", "九龙巷书吧", JLX, "books"),
    ("wenmiao-books", "文庙旁书屋", JLX, "books"),
    ("jiulongxiang-qiaojiao-beef", "九龙巷跷脚牛肉", JLX, "restaurant"),
    ("jiulongxiang-tianpiya", "老巷子甜皮鸭", JLX, "restaurant"),
    ("jiulongxiang-bobo-chicken", "古城钵钵鸡", JLX, "restaurant"),
    ("jiulongxiang-doufunao", "嘉州豆腐脑", JLX, "restaurant"),
    ("xiba-tofu-house", "西坝豆腐宴", JLX, "restaurant"),
    ("jiazhou-courtyard-inn", "嘉州小院民宿", JLX, "guesthouse"),
    ("jiulongxiang-inn", "九龙巷客栈", JLX, "guesthouse"),
    ("jiulongxiang-store", "九龙巷便利店", JLX, "store"),
    ("jiulongxiang-points-market", "九龙巷积分超市", JLX, "points_market"),
    # ... the rest along 顺城街 and its lanes.
    ("shunchengjie-cafe", "顺城街咖啡", SCJ, "cafe"),
    ("shunchengjie-teahouse", "顺城街茶社", SCJ, "tea"),
    ("shunchengjie-books", "顺城街书吧", SCJ, "books"),
    ("dongdajie-noodles", "东大街面馆", SCJ, "restaurant"),
    ("shangzhongshun-snacks", "上中顺小吃", SCJ, "restaurant"),
    ("shunchengjie-chuanchuan", "顺城街串串香", SCJ, "restaurant"),
    ("shunchengjie-guesthouse", "顺城街民宿", SCJ, "guesthouse"),
    ("yushixiang-inn", "御史巷客栈", SCJ, "guesthouse"),
    ("shunchengjie-store", "顺城街便民超市", SCJ, "store"),
    ("shunchengjie-aixin-market", "顺城街爱心超市", SCJ, "points_market"),
    ("guihualou-tearoom", "桂花楼茶室", GHL, "tea"),
    ("guihualou-store", "桂花楼便利店", GHL, "store"),
    # Community shops elsewhere in the district.
    ("baiyang-aixin-market", "白杨社区爱心超市", "shizhong/tongjiang/baiyang", "points_market"),
    ("baiyang-store", "白杨便民店", "shizhong/tongjiang/baiyang", "store"),
    ("yingbin-points-market", "迎宾社区积分超市", "shizhong/tongjiang/yingbin", "points_market"),
    ("lvyuan-points-market", "绿苑社区积分超市", "shizhong/lvxin/lvyuan", "points_market"),
    ("qingyi-store", "青衣江便利店", "shizhong/lvxin/qingyi", "store"),
    ("lingyun-teahouse", "大佛脚下茶馆", "shizhong/dafo/lingyun", "tea"),
    ("lingyun-points-market", "凌云社区积分超市", "shizhong/dafo/lingyun", "points_market"),
    ("minjiang-aixin-market", "岷江社区爱心超市", "shizhong/dafo/minjiang", "points_market"),
]


def build_merchants():
    return [{"merchant": "merchant:" + m, "name": n, "scope": s, "kind": k} for m, n, s, k in MERCHANTS]


# --------------------------------------------------------------------------
# The week's activities

# key → (category, id slug, name template, tags, volunteer-tag preferences)
# {c} community name, {g} grid name.
TEMPLATES = {
    "cleanup": ("environment", "cleanup", "{c}环境整治", [], {}),
    "big-cleanup": ("environment", "big-cleanup", "{c}创文巩卫大扫除", [], {"party_member": 1.5}),
    "riverbank": ("environment", "riverbank-cleanup", "{c}河岸清捡", [], {}),
    "alley-cleanup": ("environment", "alley-cleanup", "九龙巷古巷保洁", [], {"haitang_glimmer": 2}),
    "leaflet-removal": ("environment", "leaflet-removal", "{c}楼道小广告清理", [], {}),
    "waste-sorting": ("environment", "waste-sorting", "{c}垃圾分类督导", [], {"silver_age": 2}),
    "grid-cleanup": ("environment", "cleanup", "{c}{g}楼栋环境整治", [], {}),
    "elder-visit": ("elder_care", "elder-visit", "{c}独居老人探访", ["一老一小"], {"silver_age": 2, "party_member": 2}),
    "canteen-helper": ("elder_care", "canteen-helper", "{c}长者食堂助餐", ["银龄"], {"silver_age": 12}),
    "elder-birthday": ("elder_care", "elder-birthday", "{c}高龄老人集体生日会", ["一老一小", "银龄"], {"silver_age": 8}),
    "elder-companion": ("elder_care", "elder-companion", "{c}独居老人上门陪护", ["一老一小"], {"silver_age": 4}),
    "free-haircut": ("elder_care", "free-haircut", "{c}银龄义剪", ["银龄"], {"silver_age": 12}),
    "health-check": ("elder_care", "health-check", "{c}老年人健康义诊", ["一老一小"], {"party_member": 2}),
    "night-care": ("elder_care", "night-care", "海棠微光·夜间关爱巡访", [], {"haitang_glimmer": 15}),
    "medicine-delivery": ("home_visit", "medicine-delivery", "{c}敲门行动·送药上门", ["一老一小"], {"party_member": 3}),
    "vaccination-escort": ("home_visit", "vaccination-escort", "{c}陪同老人疫苗接种", ["一老一小"], {"party_member": 3}),
    "errand": ("home_visit", "errand", "{c}代购代办上门服务", [], {"rider": 4}),
    "counselling": ("home_visit", "counselling", "{c}上门心理疏导", [], {"party_member": 4}),
    "disability-visit": ("home_visit", "disability-visit", "{c}残疾人家庭上门探访", [], {"party_member": 3}),
    "maternity-visit": ("home_visit", "maternity-visit", "{c}孕产妇家庭上门关怀", [], {"party_member": 3}),
    "knock-door": ("home_visit", "knock-door", "{c}{g}敲门行动·重点人群走访", ["一老一小"], {"party_member": 3}),
    "after-school": ("culture", "after-school", "{c}四点半课堂", ["一老一小"], {}),
    "movie-night": ("culture", "movie-night", "{c}周末电影夜", ["一老一小"], {}),
    "heritage-guide": ("culture", "heritage-guide", "九龙巷历史文化街区志愿讲解", [], {"haitang_glimmer": 4, "silver_age": 2}),
    "smartphone-class": ("culture", "smartphone-class", "{c}老年人智能手机课堂", ["一老一小"], {"silver_age": 0.2}),
    "yard-meeting": ("culture", "yard-meeting", "{c}院坝会·邻里茶话", [], {"party_member": 2}),
    "calligraphy": ("culture", "calligraphy", "{c}书法进万家", [], {"silver_age": 4}),
    "square-dance": ("culture", "square-dance", "{c}广场舞展演", [], {"silver_age": 3}),
    "anti-fraud": ("outreach", "anti-fraud", "{c}反诈宣传进小区", [], {"party_member": 3}),
    "fire-safety": ("outreach", "fire-safety", "{c}冬季用火用电安全宣传", [], {"party_member": 2}),
    "medical-insurance": ("outreach", "medical-insurance", "{c}城乡居民医保参保宣传", [], {"party_member": 3}),
    "rider-outreach": ("outreach", "rider-outreach", "{c}骑手“送餐+宣传”政策宣讲", [], {"rider": 40}),
    "elder-policy": ("outreach", "elder-policy", "{c}养老服务政策宣讲", ["一老一小"], {"party_member": 3}),
    "civic-tourism": ("outreach", "civic-tourism", "{c}文明旅游劝导", [], {"haitang_glimmer": 2}),
}

# (day 0=Mon, start, community, grid or None, template, (min, max) people,
#  nominal minutes, overrides: name / tags / prefs / coordinator)
PLAN = [
    # 通江街道
    (0, "08:30", "baiyang", None, "cleanup", (20, 30), 120, {}),
    (1, "14:00", "baiyang", None, "medicine-delivery", (1, 1), 60, {}),
    (2, "16:30", "baiyang", None, "after-school", (8, 12), 90, {}),
    (3, "09:00", "baiyang", "g03", "grid-cleanup", (8, 15), 120, {}),
    (5, "08:30", "baiyang", None, "big-cleanup", (150, 190), 180, {}),
    (5, "19:00", "baiyang", None, "movie-night", (10, 20), 120, {"name": "白杨放映厅·周末电影夜"}),
    (0, "14:00", "jiangbin", None, "anti-fraud", (10, 20), 120, {}),
    (2, "09:00", "jiangbin", None, "elder-visit", (6, 10), 120, {}),
    (4, "09:30", "jiangbin", None, "riverbank", (20, 30), 150, {"name": "岷江江滨河岸清捡"}),
    (6, "10:00", "jiangbin", None, "elder-companion", (1, 1), 180, {"tags": ["一老一小", "银龄"]}),
    (1, "09:00", "yingbin", None, "health-check", (8, 12), 150, {}),
    (3, "19:30", "yingbin", None, "square-dance", (10, 25), 90, {}),
    (4, "10:00", "yingbin", "g02", "knock-door", (4, 8), 180, {}),
    (5, "09:00", "yingbin", None, "counselling", (1, 1), 90, {}),
    # 绿心街道
    (0, "09:00", "lvyuan", None, "waste-sorting", (12, 20), 120, {}),
    (1, "19:00", "lvyuan", None, "rider-outreach", (8, 15), 60, {}),
    (2, "10:00", "lvyuan", "g05", "grid-cleanup", (8, 15), 120, {}),
    (3, "14:00", "lvyuan", None, "vaccination-escort", (1, 1), 120, {}),
    (5, "09:30", "lvyuan", None, "yard-meeting", (15, 25), 120, {}),
    (1, "11:00", "taoyuan", None, "canteen-helper", (6, 10), 150, {}),
    (2, "14:30", "taoyuan", None, "medical-insurance", (10, 20), 120, {}),
    (3, "10:00", "taoyuan", None, "errand", (1, 1), 60, {}),
    (4, "16:30", "taoyuan", None, "after-school", (8, 12), 90, {}),
    (6, "08:30", "taoyuan", None, "big-cleanup", (100, 140), 150, {}),
    (0, "08:00", "qingyi", None, "riverbank", (20, 30), 180, {"name": "青衣江畔河岸清捡"}),
    (1, "09:30", "qingyi", "g01", "knock-door", (4, 8), 180, {}),
    (2, "09:00", "qingyi", None, "free-haircut", (5, 8), 180, {}),
    (3, "15:00", "qingyi", None, "disability-visit", (2, 2), 90, {}),
    (5, "14:00", "qingyi", None, "calligraphy", (10, 15), 120, {}),
    # 海棠街道 (the historic quarter)
    (0, "07:30", "jiulongxiang", None, "alley-cleanup", (15, 25), 120, {}),
    (1, "14:00", "jiulongxiang", "g04", "grid-cleanup", (8, 15), 120, {}),
    (2, "19:00", "jiulongxiang", None, "night-care", (8, 15), 90, {}),
    (4, "09:00", "jiulongxiang", None, "fire-safety", (10, 20), 120, {}),
    (5, "08:00", "jiulongxiang", None, "big-cleanup", (160, 200), 240,
     {"name": "九龙巷—顺城街历史文化街区大扫除", "coordinator": "coordinator:office-haitang"}),
    (5, "13:30", "jiulongxiang", None, "heritage-guide", (8, 12), 240, {}),
    (6, "10:00", "jiulongxiang", None, "civic-tourism", (15, 25), 300, {"name": "九龙巷—顺城街文明旅游劝导"}),
    (0, "14:30", "shunchengjie", None, "smartphone-class", (6, 12), 120, {}),
    (1, "09:00", "shunchengjie", None, "medicine-delivery", (1, 1), 60, {}),
    (3, "09:30", "shunchengjie", None, "elder-birthday", (10, 20), 150, {}),
    (4, "19:30", "shunchengjie", None, "anti-fraud", (8, 15), 90, {"name": "海棠微光·夜间反诈宣传", "prefs": {"haitang_glimmer": 15}}),
    (6, "09:00", "shunchengjie", None, "cleanup", (20, 30), 150, {}),
    (0, "10:00", "guihualou", None, "maternity-visit", (2, 2), 60, {}),
    (1, "10:00", "guihualou", "g02", "knock-door", (4, 8), 180, {}),
    (2, "16:30", "guihualou", None, "after-school", (8, 15), 90, {}),
    (3, "14:00", "guihualou", None, "elder-policy", (8, 15), 120, {}),
    (5, "09:00", "guihualou", None, "cleanup", (20, 30), 150, {}),
    # 大佛街道
    (0, "09:00", "lingyun", None, "leaflet-removal", (10, 15), 120, {}),
    (2, "10:00", "lingyun", None, "counselling", (1, 1), 90, {}),
    (3, "09:00", "lingyun", None, "canteen-helper", (6, 10), 150, {}),
    (5, "08:30", "lingyun", None, "big-cleanup", (120, 160), 180, {"name": "大佛景区周边环境大扫除"}),
    (6, "09:30", "lingyun", None, "civic-tourism", (15, 25), 300,
     {"name": "大佛景区文明旅游劝导", "coordinator": "coordinator:office-dafo"}),
    (1, "09:00", "wuyou", None, "cleanup", (15, 25), 120, {}),
    (2, "14:00", "wuyou", None, "fire-safety", (10, 15), 120, {}),
    (3, "09:30", "wuyou", "g06", "grid-cleanup", (8, 15), 120, {}),
    (4, "10:00", "wuyou", None, "elder-companion", (1, 1), 120, {}),
    (5, "19:00", "wuyou", None, "square-dance", (10, 20), 90, {}),
    (0, "15:00", "minjiang", None, "errand", (1, 1), 60, {}),
    (1, "14:00", "minjiang", None, "health-check", (8, 12), 150, {}),
    (3, "19:00", "minjiang", None, "rider-outreach", (8, 15), 60, {}),
    (4, "14:00", "minjiang", None, "vaccination-escort", (1, 1), 120, {}),
    (5, "09:00", "minjiang", None, "riverbank", (20, 30), 150, {"name": "岷江河岸清捡"}),
    (6, "14:30", "minjiang", None, "yard-meeting", (12, 20), 120, {}),
]

# The award the demo makes by mistake and then reverses.
CORRECTION_ACTIVITY = "2026-11-23-baiyang-cleanup"
CORRECTION_REASON = "录入错误：该志愿者未参加本次活动"

ALLOWED_MINUTES = sorted(m for m in range(30, 481) if m % 10 == 0 or m % 15 == 0)
DAY_CAP_MINUTES = 480  # the default rule set counts at most 8 hours a day


def weighted_order(rng, items, weight):
    """Weighted random order without replacement (Efraimidis–Spirakis)."""
    keyed = [(rng.random() ** (1.0 / weight(x)), i) for i, x in enumerate(items)]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed]


def build_week(rng, world, volunteers):
    community_path = {}
    community_name = {}
    for s in world["streets"]:
        for c in s["communities"]:
            community_path[c["id"]] = "shizhong/%s/%s" % (s["id"], c["id"])
            community_name[c["id"]] = c["name"]
    grid_name = {p: n for p, (lvl, n) in scopes_of(world).items() if lvl == "grid"}
    by_street = {}
    for v in volunteers:
        by_street.setdefault(street_of(v["scope"]), []).append(v)

    busy = {}       # volunteer → [(start, end)]
    day_minutes = {}  # (volunteer, day) → minutes
    activities = []
    for day, hhmm, cid, gid, key, (lo, hi), duration, over in sorted(PLAN, key=lambda p: (p[0], p[1], p[2])):
        category, slug, template, tags, prefs = TEMPLATES[key]
        date = WEEK_START + datetime.timedelta(days=day)
        hour, minute = map(int, hhmm.split(":"))
        start = datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=TZ)
        end = start + datetime.timedelta(minutes=duration)
        cpath = community_path[cid]
        scope = cpath + ("/" + gid if gid else "")
        name = over.get("name") or template.format(
            c=community_name[cid], g=grid_name.get(scope, ""))
        tags = list(over.get("tags", tags))
        prefs = dict(prefs, **over.get("prefs", {}))
        if "银龄" in tags:  # silver-age volunteers carry these
            prefs["silver_age"] = max(prefs.get("silver_age", 1), 30 if hi == 1 else 12)
        if hour >= 18 and "夜间" not in tags:
            tags.append("夜间")
        tags = [t for t in ACTIVITY_TAGS if t in tags]
        if gid:
            coordinator = "coordinator:gw-%s-%s" % (cid, gid)
        else:
            coordinator = over.get("coordinator", "coordinator:office-" + cid)
        aid = "%s-%s-%s" % (date.isoformat(), cid, (gid + "-" if gid else "") + slug)

        def weight(v):
            if gid and v["scope"] == scope:
                w = 6.0
            elif v["scope"].startswith(cpath + "/"):
                w = 3.0 if not gid else 1.5
            elif gid:
                w = 0.05
            else:
                w = 0.15 if category == "home_visit" else 0.6
            for t, m in prefs.items():
                if t in v["tags"]:
                    w *= m
            return w

        want = rng.randint(lo, hi)
        participants = []
        for v in weighted_order(rng, by_street[street_of(cpath)], weight):
            if len(participants) == want:
                break
            vid = v["volunteer"]
            if any(s < end and start < e for s, e in busy.get(vid, [])):
                continue
            if want == 1 or rng.random() < 0.75:
                minutes = duration
            else:
                minutes = rng.choice([m for m in ALLOWED_MINUTES if duration // 2 <= m < duration] or [duration])
            if day_minutes.get((vid, day), 0) + minutes > DAY_CAP_MINUTES:
                continue
            busy.setdefault(vid, []).append((start, end))
            day_minutes[(vid, day)] = day_minutes.get((vid, day), 0) + minutes
            participants.append({"volunteer": vid, "minutes": minutes})
        if len(participants) < want:
            fail("%s: only %d free volunteers, wanted %d" % (aid, len(participants), want))
        participants.sort(key=lambda p: p["volunteer"])
        activities.append({
            "id": aid,
            "name": name,
            "category": category,
            "start": start.isoformat(),
            "scope": scope,
            "tags": tags,
            "coordinator": coordinator,
            "participants": participants,
        })

    target = next((a for a in activities if a["id"] == CORRECTION_ACTIVITY), None)
    if target is None:
        fail("correction activity %s is not in the plan" % CORRECTION_ACTIVITY)
    wrong = rng.choice(target["participants"])["volunteer"]
    corrections = [{"activity": CORRECTION_ACTIVITY, "volunteer": wrong, "reason": CORRECTION_REASON}]
    return {"activities": activities, "corrections": corrections}


# --------------------------------------------------------------------------
# Validation: fail loudly on anything inconsistent.


def fail(message):
    sys.stderr.write("seeds/generate.py: validation failed: %s\n" % message)
    sys.exit(1)


def check(cond, message):
    if not cond:
        fail(message)


def unique(ids, what):
    seen = set()
    for i in ids:
        check(i not in seen, "duplicate %s %s" % (what, i))
        seen.add(i)


def validate(world, volunteers, coordinators, issuers, merchants, week):
    scopes = scopes_of(world)
    streets = world["streets"]
    check(len(streets) == 4, "expected 4 streets")
    unique([s["id"] for s in streets], "street")
    communities = [c for s in streets for c in s["communities"]]
    check(len(communities) == 12, "expected 12 communities")
    unique([c["id"] for c in communities], "community")
    for s in streets:
        check(re.fullmatch(r"[a-z]+", s["id"]), "bad street id %r" % s["id"])
        for c in s["communities"]:
            check(re.fullmatch(r"[a-z]+", c["id"]), "bad community id %r" % c["id"])
            check(7 <= len(c["grids"]) <= 10, "%s has %d grids" % (c["id"], len(c["grids"])))
            unique([g["id"] for g in c["grids"]], "grid in " + c["id"])
            for g in c["grids"]:
                check(re.fullmatch(r"g\d{2}", g["id"]), "bad grid id %r" % g["id"])
    ngrids = sum(len(c["grids"]) for c in communities)
    check(90 <= ngrids <= 110, "%d grids" % ngrids)

    # Volunteers
    check(len(volunteers) == VOLUNTEER_COUNT, "volunteer count")
    unique([v["volunteer"] for v in volunteers], "volunteer")
    unique([v["phone"] for v in volunteers], "phone")
    for v in volunteers:
        vid = v["volunteer"]
        check(re.fullmatch(r"V\d{6}", vid), "bad volunteer id " + vid)
        check(re.fullmatch(r"199\d{8}", v["phone"]), "bad phone for " + vid)
        check(2 <= len(v["name"]) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in v["name"]), "bad name for " + vid)
        check(scopes.get(v["scope"], ("",))[0] == "grid", "volunteer %s scope %s is not a grid" % (vid, v["scope"]))
        check(v["tags"] and all(t in VOLUNTEER_TAGS for t in v["tags"]), "bad tags for " + vid)
        check(len(set(v["tags"])) == len(v["tags"]), "repeated tag for " + vid)
    vol = {v["volunteer"]: v for v in volunteers}
    for tag, lo, hi in [("silver_age", .12, .18), ("haitang_glimmer", .07, .13), ("rider", .06, .10),
                        ("party_member", .17, .23), ("resident", .7, .95)]:
        share = sum(tag in v["tags"] for v in volunteers) / len(volunteers)
        check(lo <= share <= hi, "%s share %.3f outside [%s, %s]" % (tag, share, lo, hi))

    # Coordinators
    unique([c["coordinator"] for c in coordinators], "coordinator")
    coord = {c["coordinator"]: c for c in coordinators}
    for c in coordinators:
        check(re.fullmatch(r"coordinator:(office-[a-z]+|gw-[a-z]+-g\d{2})", c["coordinator"]), "bad coordinator id " + c["coordinator"])
        check(c["scope"] in scopes, "coordinator %s scope %s unknown" % (c["coordinator"], c["scope"]))
        if c["coordinator"].startswith("coordinator:gw-"):
            _, cid, gid = c["coordinator"].split(":")[1].split("-")
            check(c["scope"].split("/")[2:] == [cid, gid], "grid worker %s scope mismatch" % c["coordinator"])
        else:
            check(c["scope"].split("/")[-1] == c["coordinator"].split("office-")[1], "office %s scope mismatch" % c["coordinator"])
    for p, (lvl, _) in scopes.items():
        if lvl != "grid":
            check("coordinator:office-" + p.split("/")[-1] in coord, "no office for " + p)
    gw = sum(1 for c in coordinators if c["coordinator"].startswith("coordinator:gw-"))
    check(gw >= 0.85 * ngrids, "only %d grid workers" % gw)

    # Issuers
    unique([i["issuer"] for i in issuers], "issuer")
    issuer_scopes = set()
    for i in issuers:
        s = i["issuer"][len("issuer:"):]
        check(i["issuer"].startswith("issuer:") and scopes.get(s, ("",))[0] in ("district", "street", "community"),
              "bad issuer " + i["issuer"])
        check(isinstance(i["budget"], int) and i["budget"] > 0, "bad budget for " + i["issuer"])
        issuer_scopes.add(s)
    for p, (lvl, _) in scopes.items():
        if lvl != "grid":
            check(p in issuer_scopes, "no issuer for " + p)

    # Merchants
    unique([m["merchant"] for m in merchants], "merchant")
    unique([m["name"] for m in merchants], "merchant name")
    for m in merchants:
        check(re.fullmatch(r"merchant:[a-z0-9]+(-[a-z0-9]+)*", m["merchant"]), "bad merchant id " + m["merchant"])
        check(scopes.get(m["scope"], ("",))[0] == "community", "merchant %s scope %s is not a community" % (m["merchant"], m["scope"]))
        check(m["kind"] in MERCHANT_KINDS, "bad kind for " + m["merchant"])
    check(30 <= len(merchants) <= 40, "%d merchants" % len(merchants))

    # Activities
    acts = week["activities"]
    check(50 <= len(acts) <= 70, "%d activities" % len(acts))
    unique([a["id"] for a in acts], "activity")
    week_end = WEEK_START + datetime.timedelta(days=7)
    windows = {}
    day_total = {}
    for a in acts:
        aid = a["id"]
        check(list(a) == ["id", "name", "category", "start", "scope", "tags", "coordinator", "participants"], aid + " field order")
        check(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", aid), "bad activity id " + aid)
        check(a["category"] in CATEGORIES, aid + " bad category")
        check(all(t in ACTIVITY_TAGS for t in a["tags"]), aid + " bad tags")
        start = datetime.datetime.fromisoformat(a["start"])
        check(a["start"].endswith("+08:00") and WEEK_START <= start.date() < week_end, aid + " start outside the week")
        check(aid.startswith(start.date().isoformat() + "-"), aid + " id does not start with its date")
        lvl = scopes.get(a["scope"], ("",))[0]
        check(lvl in ("community", "grid"), "%s scope %s is not a community or grid" % (aid, a["scope"]))
        check("issuer:" + community_of(a["scope"]) in {i["issuer"] for i in issuers}, aid + " has no community issuer")
        c = coord.get(a["coordinator"])
        check(c is not None, "%s coordinator %s unknown" % (aid, a["coordinator"]))
        check(contains(c["scope"], a["scope"]), "%s: coordinator scope %s does not contain %s" % (aid, c["scope"], a["scope"]))
        ps = a["participants"]
        check(1 <= len(ps) <= 200, "%s has %d participants" % (aid, len(ps)))
        unique([p["volunteer"] for p in ps], "participant in " + aid)
        longest = max(p["minutes"] for p in ps)
        for p in ps:
            v = vol.get(p["volunteer"])
            check(v is not None, "%s: unknown volunteer %s" % (aid, p["volunteer"]))
            check(street_of(v["scope"]) == street_of(a["scope"]), "%s: %s lives in another street" % (aid, p["volunteer"]))
            check(isinstance(p["minutes"], int) and p["minutes"] in ALLOWED_MINUTES, "%s: bad minutes for %s" % (aid, p["volunteer"]))
            w = (start, start + datetime.timedelta(minutes=longest))
            for other in windows.get(p["volunteer"], []):
                check(not (other[0] < w[1] and w[0] < other[1]), "%s: %s double-booked" % (aid, p["volunteer"]))
            windows.setdefault(p["volunteer"], []).append(w)
            k = (p["volunteer"], start.date())
            day_total[k] = day_total.get(k, 0) + p["minutes"]
            check(day_total[k] <= DAY_CAP_MINUTES, "%s: %s over %d minutes a day" % (aid, p["volunteer"], DAY_CAP_MINUTES))
    sizes = sorted(len(a["participants"]) for a in acts)
    check(sum(s >= 100 for s in sizes) >= 3, "need a few big clean-ups")
    check(sum(s == 1 for s in sizes) >= 5, "need several single-person visits")
    check(sum(datetime.datetime.fromisoformat(a["start"]).weekday() >= 5 for a in acts) >= 8, "need weekend activities")
    check(sum("夜间" in a["tags"] for a in acts) >= 4, "need evening activities")
    check(sum(scopes[a["scope"]][0] == "grid" for a in acts) >= 3, "need a few grid-level activities")
    check(len({community_of(a["scope"]) for a in acts}) == 12, "every community should have activities")

    corr = week["corrections"]
    check(len(corr) == 1, "exactly one correction")
    a = next((x for x in acts if x["id"] == corr[0]["activity"]), None)
    check(a is not None, "correction names an unknown activity")
    check(any(p["volunteer"] == corr[0]["volunteer"] for p in a["participants"]), "correction names a non-participant")

    # CSV safety
    for rows, what in [(volunteers, "volunteers"), (coordinators, "coordinators"), (issuers, "issuers"), (merchants, "merchants")]:
        for r in rows:
            for f in r.values():
                s = ";".join(f) if isinstance(f, list) else str(f)
                check(not re.search(r'[,"\r\n]', s) and s == s.strip() and s, "%s: unsafe CSV field %r" % (what, s))


# --------------------------------------------------------------------------
# Output


def dump_json(value, indent=0, width=100):
    """JSON with compact leaves: a value stays on one line if it fits."""
    flat = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = ['%s%s:%s' % (pad, json.dumps(k, ensure_ascii=False), dump_json(v, indent + 2, width).lstrip())
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dump_json(v, indent + 2, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def csv_text(header, rows):
    lines = [",".join(header)]
    for r in rows:
        lines.append(",".join(";".join(r[h]) if isinstance(r[h], list) else str(r[h]) for h in header))
    return "\n".join(lines) + "\n"


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    rng = Random(SEED)
    name = make_namer(Random(SEED + 1))
    world = build_world()
    volunteers = build_volunteers(rng, world, name)
    needed_grids = set()
    for _, _, cid, gid, _, _, _, _ in PLAN:
        if gid:
            needed_grids.update(p for p in scopes_of(world) if p.endswith("/%s/%s" % (cid, gid)))
    coordinators = build_coordinators(Random(SEED + 2), world, name, needed_grids)
    issuers = build_issuers(world)
    merchants = build_merchants()
    week = build_week(Random(SEED + 3), world, volunteers)
    validate(world, volunteers, coordinators, issuers, merchants, week)

    write("world.json", dump_json(world) + "\n")
    write("volunteers.csv", csv_text(["volunteer", "name", "phone", "scope", "tags"], volunteers))
    write("coordinators.csv", csv_text(["coordinator", "name", "scope"], coordinators))
    write("issuers.csv", csv_text(["issuer", "budget"], issuers))
    write("merchants.csv", csv_text(["merchant", "name", "scope", "kind"], merchants))
    write("week.json", dump_json(week) + "\n")

    acts = week["activities"]
    rows = sum(len(a["participants"]) for a in acts)
    print("seeds: %d streets, %d communities, %d grids; %d volunteers, %d coordinators, "
          "%d issuers, %d merchants; %d activities, %d participant rows, %d correction"
          % (len(world["streets"]), sum(len(s["communities"]) for s in world["streets"]),
             sum(1 for lvl, _ in scopes_of(world).values() if lvl == "grid"),
             len(volunteers), len(coordinators), len(issuers), len(merchants),
             len(acts), rows, len(week["corrections"])))


if __name__ == "__main__":
    main()
