#!/usr/bin/env python3
"""Seeded, deterministic generator of the firmnet demo data set (Python 3 standard library only).

Synthetic actors of six Korean industrial-complex innovation clusters and their multiplex ties
in two survey waves (2005, 2007):  actors.csv, ties.csv.gz, attributes.csv (see README.md).

Model: a "true" network is drawn for 2005 and churned into 2007 (ties dropped and re-drawn with
the same preferences, plus a small growth), then the planted mini-cluster (MC) effect is added:
large MC firms gain trade and R&D partners, SME MC firms gain service providers.  A tie is
listed in a wave only if its source responded to that wave's survey (a panel: response is
persistent).  Every firm has an outgoing trade tie, so a firm is a respondent of a wave exactly
when it is the source of some tie of that wave.

Usage:  python3 generate.py [--seed N] [--out DIR]     write the files (default: seed 2005, here)
        python3 generate.py --check [--out DIR]        table of the planted effect in DIR's files
"""
import argparse, csv, gzip, io, math, os, random, statistics

WAVES = (2005, 2007)
LAYERS = ("trade", "rnd", "service.training", "service.rnd", "service.legal", "service.finance")
SERVICE = LAYERS[2:]
SERVICE_KIND = dict(zip(SERVICE, ("training", "rnd-service", "legal-accounting", "finance")))
SERVICE_LAM = dict(zip(SERVICE, (1.5, 1.0, 1.0, 0.8)))     # providers per SME client (x1.5 large)
RESPONSE = {"firm": (0.80, 0.88, 0.22), "other": (0.92, 0.93, 0.5)}  # P(2005), P(2007|yes), P(2007|no)
DROP, GROWTH = 0.12, 0.05                                   # 2005 -> 2007 churn of true ties
MC_GAIN = {"large": (4.0, 1.8, 0.4), "sme": (0.0, 0.3, 2.8)}  # extra 2007 ties: trade, rnd, service

# code, cluster, region (province), city, #firms, sector weights, {mini-cluster: sectors},
# "universities | research institutes | support agencies | local government"
CLUSTERS = [
    ("CW", "Changwon", "Gyeongnam", "창원", 48, {"machinery": 55, "automotive": 30, "electronics": 15},
     {"Changwon-Mechatronics": "machinery electronics", "Changwon-Automotive": "automotive",
      "Changwon-Precision": "machinery"},
     "창원대학교,경남대학교,창원문성대학|한국전기연구원,재료연구소|경남테크노파크,한국산업단지공단 창원클러스터추진단|창원시청"),
    ("GM", "Gumi", "Gyeongbuk", "구미", 46, {"electronics": 60, "ICT": 30, "machinery": 10},
     {"Gumi-Mobile": "ICT electronics", "Gumi-Display": "electronics", "Gumi-Components": "electronics machinery"},
     "금오공과대학교,구미대학,경운대학교|전자부품연구원 구미센터,구미전자정보기술원|"
     "경북테크노파크 구미센터,한국산업단지공단 구미클러스터추진단|구미시청"),
    ("US", "Ulsan", "Ulsan", "울산", 38, {"automotive": 50, "chemicals": 40, "machinery": 10},
     {"Ulsan-Automotive": "automotive machinery", "Ulsan-Chemicals": "chemicals"},
     "울산대학교,울산과학대학,한국폴리텍대학 울산캠퍼스|한국화학연구원 울산센터,자동차부품연구원 울산분원|"
     "울산테크노파크,한국산업단지공단 울산클러스터추진단|울산광역시청"),
    ("BS", "Banwol-Sihwa", "Gyeonggi", "안산", 52, {"machinery": 40, "chemicals": 25, "electronics": 25, "automotive": 10},
     {"Banwol-Sihwa-Mold": "machinery automotive", "Banwol-Sihwa-Parts": "electronics", "Banwol-Sihwa-Chem": "chemicals"},
     "한국산업기술대학교,한양대학교 안산캠퍼스,안산공과대학|한국생산기술연구원 안산센터,시화산업기술연구소|"
     "경기테크노파크,한국산업단지공단 반월시화클러스터추진단|안산시청"),
    ("GJ", "Gwangju", "Gwangju", "광주", 32, {"photonics": 45, "electronics": 30, "automotive": 25},
     {"Gwangju-Photonics": "photonics electronics", "Gwangju-Automotive": "automotive"},
     "전남대학교,조선대학교,광주과학기술원|한국광기술원,고등광기술연구소|광주테크노파크,한국산업단지공단 광주클러스터추진단|광주광역시청"),
    ("WJ", "Wonju", "Gangwon", "원주", 28, {"medical": 60, "biotech": 30, "ICT": 10},
     {"Wonju-MedDevice": "medical ICT", "Wonju-Bio": "biotech"},
     "연세대학교 원주캠퍼스,상지대학교|한국의료기기연구소 원주센터,원주바이오연구센터|"
     "원주의료기기테크노밸리,한국산업단지공단 원주클러스터추진단|원주시청"),
]
SERVICES = [("training", "{c}기업교육원"), ("rnd-service", "{c}기술컨설팅(주)"),
            ("legal-accounting", "법무법인 {c}"), ("legal-accounting", "{c}회계법인"), ("finance", "{c}기술금융(주)")]
# actors outside every cluster (type, sector, region, name); then 11 firms (headquarters, buyers)
EXTERNAL = [("research", "ICT", "Daejeon", "한국전자통신연구원"), ("research", "machinery", "Daejeon", "한국기계연구원"),
            ("research", "chemicals", "Daejeon", "한국화학연구원"), ("research", "machinery", "Chungnam", "한국생산기술연구원"),
            ("research", "biotech", "Seoul", "한국과학기술연구원"), ("university", "machinery", "Seoul", "서울대학교"),
            ("university", "electronics", "Daejeon", "한국과학기술원"), ("government", "", "Gyeonggi", "산업자원부"),
            ("government", "", "Daejeon", "중소기업청"), ("support", "machinery", "Seoul", "한국산업단지공단 본사"),
            ("service", "training", "Seoul", "한국산업교육원"), ("service", "legal-accounting", "Seoul", "법무법인 세양"),
            ("service", "legal-accounting", "Seoul", "한빛회계법인"), ("service", "finance", "Seoul", "중앙기술금융(주)")]
EXT_FIRM_REGIONS = ["Seoul"] * 6 + ["Incheon", "Busan", "Daegu", "Gyeonggi", "Daejeon"]
STEMS = ("대성 한일 동양 삼원 신흥 세진 우진 태광 대원 금강 한빛 성우 영신 동아 선진 대명 삼양 보성 일진 화신 경신 동일 "
         "청호 미래 성진 대창 유성 새한 정우 진영 서진 동신 남양 광명 삼보 협성 덕산 우성 명진 한성 신화 대흥 오성 창신 "
         "동화 세원 해성 한국 제일 태성").split()
# sector: name suffixes (SMEs) | name suffix (large firms) | technology keywords
SECTORS = {k: (v[0].split(), v[1], v[2].split(",")) for k, v in {
    "machinery": ("정밀 기계 테크 엔지니어링 산업 메카트로닉스", "중공업", "CNC,hydraulics,precision machining,robotics,mold"),
    "electronics": ("전자 일렉트로닉스 디스플레이 반도체 전기", "전자", "LCD,PCB,semiconductor packaging,sensors"),
    "automotive": ("오토텍 모터스 차체 오토모티브 공업", "자동차부품", "powertrain,body parts,brake system,car electronics"),
    "chemicals": ("화학 케미칼 폴리머 소재 화성", "석유화학", "polymer,fine chemicals,coatings,catalysts"),
    "biotech": ("바이오 제약 생명과학 바이오텍", "제약", "bio-materials,diagnostics,fermentation"),
    "ICT": ("정보통신 시스템 소프트 네트웍스 텔레콤", "정보통신", "embedded SW,mobile,RFID"),
    "photonics": ("광통신 포토닉스 옵틱스 라이팅 광전자", "광전자", "LED,optical fiber,laser"),
    "medical": ("메디칼 의료기 헬스케어 메디텍", "메디칼", "medical imaging,rehabilitation,u-health")}.items()}
FIELDS = ["id", "name", "type", "size", "sector", "cluster", "region", "mc", "tech",
          "employees", "sales", "rnd_spend", "patents"]


def poisson(rng, lam):
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    k, p, lim = 0, rng.random(), math.exp(-lam)
    while p > lim:
        k, p = k + 1, p * rng.random()
    return k


def firm_numbers(rng, large):
    """2005 firm size: employees, sales and R&D spending (100 million KRW), patents."""
    emp = max(300, int(rng.lognormvariate(math.log(1400), 0.8))) if large else \
        min(299, max(3, int(rng.lognormvariate(math.log(35), 0.9))))
    sales = round(emp * rng.lognormvariate(math.log(4.0 if large else 1.8), 0.4), 1)
    rnd = 0.0 if not large and rng.random() < 0.2 else round(sales * rng.uniform(0.005, 0.05), 1)
    return {"employees": emp, "sales": sales, "rnd_spend": rnd, "patents": poisson(rng, 0.8 * rnd ** 0.7)}


def make_actors(rng):
    actors, used = [], set()

    def firm_name(sector, city, large):
        while True:
            stem = city if city and rng.random() < 0.12 else rng.choice(STEMS)
            if large:
                name = f"{stem}{SECTORS[sector][1]}(주)" + (f" {city}공장" if city else "")
            else:
                name, form = stem + rng.choice(SECTORS[sector][0]), rng.random()
                name = name + "(주)" if form < 0.6 else "㈜" + name if form < 0.8 else \
                    "주식회사 " + name if form < 0.9 else name
            if name not in used:
                used.add(name)
                return name

    def add(aid, name, typ, sector, cl=None, region="", size="", mc="", tech="", nums=None):
        a = dict.fromkeys(FIELDS, "")
        a.update(id=aid, name=name, type=typ, size=size, sector=sector, cluster=cl[1] if cl else "",
                 region=cl[2] if cl else region, mc=mc, tech=tech, code=cl[0] if cl else "", city=cl[3] if cl else "")
        a.update(nums or {})
        actors.append(a)

    for cl in CLUSTERS:
        code, _, _, city, nfirms, sw, mcs, inst = cl
        ids = (f"{code}{n:03d}" for n in range(1, 1000))
        nlarge = round(0.15 * nfirms)
        large_ids = rng.sample(range(nfirms), nlarge)
        sme_ids = [i for i in range(nfirms) if i not in large_ids]
        members = dict.fromkeys(mcs, 0)
        mc_ids = set(rng.sample(large_ids, round(0.6 * nlarge)) + rng.sample(sme_ids, round(0.38 * len(sme_ids))))
        for i in range(nfirms):
            sector = rng.choices(list(sw), list(sw.values()))[0]
            large, mc = i in large_ids, ""
            if i in mc_ids:                      # the smallest matching mini-cluster so far
                mc = min([m for m, s in mcs.items() if sector in s.split()] or mcs, key=members.get)
                members[mc] += 1
            tech = rng.choice(SECTORS[sector][2]) if rng.random() < 0.75 else ""
            add(next(ids), firm_name(sector, city, large), "firm", sector, cl,
                size="large" if large else "sme", mc=mc, tech=tech, nums=firm_numbers(rng, large))
        unis, labs, sups, gov = (part.split(",") for part in inst.split("|"))
        for typ, names, p_mc in (("university", unis, 0.85), ("research", labs, 0.85), ("support", sups, 0.5)):
            for name in names:
                mc = min(mcs, key=members.get) if rng.random() < p_mc else ""
                if mc:
                    members[mc] += 1
                sector = mcs[mc].split()[0] if mc else max(sw, key=sw.get)
                nums = {} if typ == "support" else {"employees": rng.randint(150, 1500),
                                                    "rnd_spend": round(rng.uniform(30, 400), 1),
                                                    "patents": rng.randint(5, 80)}
                add(next(ids), name, typ, sector, cl, mc=mc,
                    tech=rng.choice(SECTORS[sector][2]) if typ != "support" else "", nums=nums)
        add(next(ids), gov[0], "government", "", cl)
        for kind, pattern in SERVICES:
            mc = rng.choice(list(mcs)) if rng.random() < 0.25 else ""
            emp = rng.randint(5, 60)
            add(next(ids), pattern.format(c=city), "service", kind, cl, mc=mc,
                nums={"employees": emp, "sales": round(emp * rng.uniform(0.8, 2.0), 1)})
    for i, (typ, sector, region, name) in enumerate(EXTERNAL):
        add(f"EXT{i + 1:03d}", name, typ, sector, region=region)
    for i, region in enumerate(EXT_FIRM_REGIONS, len(EXTERNAL) + 1):   # headquarters and buyers
        sector, large = rng.choice(list(SECTORS)), rng.random() < 0.75
        add(f"EXT{i:03d}", firm_name(sector, "", large), "firm", sector, region=region,
            size="large" if large else "sme", tech=rng.choice(SECTORS[sector][2]), nums=firm_numbers(rng, large))
    for i in range(1, 6):                                                # location unknown
        sector = rng.choice(list(SECTORS))
        add(f"UNK{i:02d}", firm_name(sector, "", False), "firm", sector, size="sme", nums=firm_numbers(rng, False))
    odd = rng.sample([a for a in actors if a["size"] == "sme" and a["code"]], 5)   # names needing CSV quoting
    for a, fmt in zip(odd, ("{n}, 제2공장", "{n}, {c}사업장", '{n} "신공장"', '"{n}" 협력사', '{n}, "본사"')):
        a["name"] = fmt.format(n=a["name"], c=a["city"])
    return actors


def local(a, b):
    return a["code"] == b["code"] and (a["code"] or a["region"] and b["region"])


def w_trade(a, b, boost=1.0):                    # supplier a -> buyer b
    if b is a or b["type"] != "firm":
        return 0
    w = (4 if b["size"] == "large" else 1) * (20 if local(a, b) else 3 if not b["code"] and b["region"] else 1)
    return w * (3 * boost if a["mc"] and a["mc"] == b["mc"] else 1)


def w_rnd(a, b, boost=1.0):                      # R&D collaboration reported by a
    if b is a or b["type"] not in ("firm", "university", "research") or "firm" not in (a["type"], b["type"]):
        return 0
    loc = local(a, b)
    if b["type"] != "firm":
        w = 10 if loc else 2 if not b["code"] else 0.3
    elif a["type"] != "firm":
        w = (5 if loc else 0.3) * (2 if b["size"] == "large" else 1)
    else:
        w = (0.5 if loc else 0.05) * (3 if b["size"] == "large" else 1)
    return w * (4 * boost if a["mc"] and a["mc"] == b["mc"] else 1)


def w_service(c, p, layer, boost=1.0):           # provider p -> client firm c
    ok = p["sector"] == SERVICE_KIND[layer] if p["type"] == "service" else \
        layer in ("service.training", "service.rnd") and p["type"] in ("support", "university", "research")
    if not ok or p is c:
        return 0
    w = 10 if local(c, p) else (2 * (3 if c["size"] == "large" else 1) if not p["code"] else 0.2)
    return w * (3 * boost if c["mc"] and c["mc"] == p["mc"] else 1)


class Net:
    """True ties of one wave: ties[layer][(source, target)] = weight; nb[layer][id] = partner ids."""

    def __init__(self, rng, actors):
        self.rng, self.actors, self.ties = rng, actors, {layer: {} for layer in LAYERS}
        self.nb = {layer: {a["id"]: set() for a in actors} for layer in LAYERS}
        self.firms = [a for a in actors if a["type"] == "firm"]

    def pick(self, pool, weight):
        ws = [weight(b) for b in pool]
        return self.rng.choices(pool, ws)[0] if sum(ws) > 0 else None

    def add(self, layer, s, t, weight=None):
        if s is t or t["id"] in self.nb[layer][s["id"]]:
            return False
        self.nb[layer][s["id"]].add(t["id"])
        self.nb[layer][t["id"]].add(s["id"])
        if weight is None and layer == "trade":      # transaction amount, 100 million KRW
            mu = math.log(3) + 1.2 * (t["size"] == "large") + 1.0 * (s["size"] == "large")
            weight = max(0.1, round(self.rng.lognormvariate(mu, 1.1), 1))
        elif weight is None:                         # joint projects / service frequency
            weight = 1 + poisson(self.rng, 0.8 if layer == "rnd" else 2.0)
        self.ties[layer][s["id"], t["id"]] = weight
        return True

    def draw(self, layer, a, boost=1.0):
        """One tie of `a` to a new partner: as source (trade, rnd) or as client (service)."""
        nb = self.nb[layer][a["id"]]
        if layer in SERVICE:
            p = self.pick(self.actors, lambda p: (p["id"] not in nb) * w_service(a, p, layer, boost))
            return p is not None and self.add(layer, p, a)
        w = w_trade if layer == "trade" else w_rnd
        b = self.pick(self.firms if layer == "trade" else self.actors, lambda b: (b["id"] not in nb) * w(a, b, boost))
        return b is not None and self.add(layer, a, b)

    def initial(self):
        rng = self.rng
        for a in self.actors:
            if a["type"] == "firm":
                large = a["size"] == "large"
                for _ in range(2 + poisson(rng, 4) if large else 1 + poisson(rng, 4.5)):
                    self.draw("trade", a)
                for _ in range(1 + poisson(rng, 3) if large else poisson(rng, 1.2)):
                    self.draw("rnd", a)
                for layer in SERVICE:
                    for _ in range(poisson(rng, SERVICE_LAM[layer] * (1.5 if large else 1))):
                        self.draw(layer, a)
            elif a["type"] in ("university", "research"):
                for _ in range(3 + poisson(rng, 5)):
                    self.draw("rnd", a)

    def evolve(self):
        """Next wave: churn (drop, re-draw, small growth), then the planted MC effect."""
        rng, new = self.rng, Net(self.rng, self.actors)
        by_id = {a["id"]: a for a in self.actors}
        for layer in LAYERS:
            for (s, t), w in self.ties[layer].items():
                if rng.random() >= DROP:
                    w = max(0.1, round(w * math.exp(rng.gauss(0.08, 0.25)), 1)) if layer == "trade" else \
                        max(1, w + rng.choice((-1, 0, 0, 1)))
                    new.add(layer, by_id[s], by_id[t], w)
            for (s, t) in self.ties[layer]:
                if rng.random() < DROP + GROWTH:
                    new.draw(layer, by_id[t] if layer in SERVICE else by_id[s])
        for a in self.firms:
            if a["mc"]:
                g_trade, g_rnd, g_serv = MC_GAIN[a["size"]]
                for _ in range(poisson(rng, g_trade)):     # new buyer or supplier among MC members
                    nb, out = new.nb["trade"][a["id"]], rng.random() < 0.75
                    b = new.pick(self.firms, lambda b: (b["mc"] != "" and b["id"] not in nb) *
                                 (w_trade(a, b, 4) if out else w_trade(b, a, 4)))
                    if b is not None:
                        new.add("trade", *((a, b) if out else (b, a)))
                for _ in range(poisson(rng, g_rnd)):
                    new.draw("rnd", a, boost=4)
                for _ in range(poisson(rng, g_serv)):
                    new.draw(rng.choices(SERVICE, (4, 3.5, 1.5, 1))[0], a, boost=4)
            if not any(s == a["id"] for s, _ in new.ties["trade"]):
                while not new.draw("trade", a):
                    pass
        return new


def generate(seed):
    rng = {part: random.Random(f"{seed}/{part}") for part in ("actors", "network", "survey", "attributes")}
    actors = make_actors(rng["actors"])
    nets = {2005: Net(rng["network"], actors)}
    nets[2005].initial()
    nets[2007] = nets[2005].evolve()
    rows, resp = [], {2005: set(), 2007: set()}
    for a in actors:
        p05, p_stay, p_new = RESPONSE["firm" if a["type"] == "firm" else "other"]
        if rng["survey"].random() < p05:
            resp[2005].add(a["id"])
        if rng["survey"].random() < (p_stay if a["id"] in resp[2005] else p_new):
            resp[2007].add(a["id"])
    for wave in WAVES:
        assert all(any(s == a["id"] for s, _ in nets[wave].ties["trade"]) for a in nets[wave].firms)
        for layer in LAYERS:
            rows += [(wave, layer, s, t, f"{w:.1f}" if layer == "trade" else w)
                     for (s, t), w in sorted(nets[wave].ties[layer].items()) if s in resp[wave]]
    firms = [a for a in actors if a["type"] == "firm"]
    attrs = [(2005, a["id"], a["employees"], f"{a['sales']:.1f}", f"{a['rnd_spend']:.1f}", a["patents"]) for a in firms]
    rng = rng["attributes"]
    for a in firms:                                  # 2007: growth with noise, MC firms more R&D
        mc = 1 if a["mc"] else 0
        rnd = a["rnd_spend"] * math.exp(rng.gauss(0.10 + 0.10 * mc, 0.2))
        attrs.append((2007, a["id"], max(1, round(a["employees"] * math.exp(rng.gauss(0.05, 0.1)))),
                      f"{a['sales'] * math.exp(rng.gauss(0.12, 0.15)):.1f}", f"{rnd:.1f}",
                      a["patents"] + poisson(rng, 0.3 * a["patents"] + (0.5 + 0.6 * mc) * (rnd > 0))))
    return actors, rows, attrs


def csv_bytes(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write(out, actors, rows, attrs):
    fmt = {"sales": "{:.1f}", "rnd_spend": "{:.1f}"}
    arows = [[fmt.get(f, "{}").format(a[f]) if a[f] != "" else "" for f in FIELDS] for a in actors]
    with open(os.path.join(out, "actors.csv"), "wb") as f:
        f.write(csv_bytes(FIELDS, arows))
    with open(os.path.join(out, "ties.csv.gz"), "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(csv_bytes(["wave", "layer", "source", "target", "weight"], rows))
    with open(os.path.join(out, "attributes.csv"), "wb") as f:
        f.write(csv_bytes(["wave", "id", "employees", "sales", "rnd_spend", "patents"], attrs))


def t_pvalue(t, df):
    """Two-sided p of Student's t: regularised incomplete beta I_x(df/2, 1/2), Lentz continued fraction."""
    a, b, x = df / 2, 0.5, df / (df + t * t)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    flip = x >= (a + 1) / (a + b + 2)
    if flip:
        a, b, x = b, a, 1 - x
    c, d = 1.0, 1 / (1 - (a + b) * x / (a + 1) or 1e-300)
    h = d
    for m in range(1, 500):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 / (1 + num * d or 1e-300)
            c = 1 + num / c or 1e-300
            h *= d * c
        if abs(d * c - 1) < 1e-14:
            break
    return 1 - front * h / a if flip else front * h / a


def check(out):
    """Mean change of distinct partners (in+out) 2005 -> 2007 for firms responding in both waves."""
    with open(os.path.join(out, "actors.csv"), encoding="utf-8", newline="") as f:
        actors = {r["id"]: r for r in csv.DictReader(f)}
    part = {(w, g): {} for w in WAVES for g in ("trade", "rnd", "service")}
    sources = {w: set() for w in WAVES}
    with gzip.open(os.path.join(out, "ties.csv.gz"), "rt", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            key = int(r["wave"]), r["layer"].split(".")[0]
            sources[key[0]].add(r["source"])
            part[key].setdefault(r["source"], set()).add(r["target"])
            part[key].setdefault(r["target"], set()).add(r["source"])
    firms = [i for i, a in actors.items() if a["type"] == "firm" and i in sources[2005] & sources[2007]]
    print(f"Change 2005->2007 in distinct partners (in+out), firms responding in both waves (n = {len(firms)});")
    print("Welch t-test MC vs non-MC, two-sided\n")
    print(f"{'size':5} {'layer':7} | {'MC n':>4} {'mean':>6} {'sd':>5} | {'non-MC n':>8} {'mean':>6} {'sd':>5} |"
          f" {'t':>6} {'df':>5} {'p':>8}")
    for size in ("large", "sme"):
        for g in ("trade", "rnd", "service"):
            x, y = [], []
            for i in firms:
                if actors[i]["size"] == size:
                    d = len(part[2007, g].get(i, ())) - len(part[2005, g].get(i, ()))
                    (x if actors[i]["mc"] else y).append(d)
            mx, my, vx, vy = statistics.mean(x), statistics.mean(y), statistics.variance(x), statistics.variance(y)
            se2 = vx / len(x) + vy / len(y)
            t = (mx - my) / math.sqrt(se2)
            df = se2 ** 2 / ((vx / len(x)) ** 2 / (len(x) - 1) + (vy / len(y)) ** 2 / (len(y) - 1))
            print(f"{size:5} {g:7} | {len(x):4} {mx:+6.2f} {vx ** .5:5.2f} | {len(y):8} {my:+6.2f} {vy ** .5:5.2f} |"
                  f" {t:6.2f} {df:5.1f} {t_pvalue(t, df):8.2g}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=2005, help="random seed (default 2005)")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)), help="output folder")
    ap.add_argument("--check", action="store_true", help="print the planted-effect table for the files in --out")
    args = ap.parse_args()
    if args.check:
        check(args.out)
    else:
        os.makedirs(args.out, exist_ok=True)
        write(args.out, *generate(args.seed))


if __name__ == "__main__":
    main()
