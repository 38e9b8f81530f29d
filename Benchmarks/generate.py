#!/usr/bin/env python3
"""Synthetic content folders for the Collective benchmark (issue 7).

Writes sites in the project's content layout (README "The content layout"):

  small       a copy of the sample content/ (falls back to 2 synthetic initiatives × 8 quarters if it is empty)
  large       250 initiatives × 40 quarterly narratives of ≈7.3 KB (10,000 narratives, ≈73 MB of Markdown),
              12 partners and 30 indicators each, ≈4,000 results rows per initiative (≈1,000,000 in total);
              --scale K multiplies the number of initiatives (2 → 500, 4 → 1,000) to show linear growth
  data-heavy  one initiative with ≈1,000,000 results rows in ONE results.csv (ward disaggregation)
              plus two ordinary initiatives with 8 quarters each
  hugo        a minimal Hugo site over the report narratives of a generated site (same bytes, one-page layout)

Deterministic: every initiative is drawn from its own random stream seeded by (--seed, its index), so the first
250 initiatives of the 2× site are byte-identical to the 1× site, and two runs give identical files.
Python 3 standard library only.

  python3 Benchmarks/generate.py large --out .build/bench/large-1x/content
  python3 Benchmarks/generate.py large --out .build/bench/large-4x/content --scale 4
  python3 Benchmarks/generate.py data-heavy --out .build/bench/data-heavy/content
  python3 Benchmarks/generate.py hugo --from .build/bench/large-1x/content --out .build/bench/hugo
"""

import argparse
import csv
import json
import os
import random
import shutil
import sys

GENERATOR_VERSION = "2"

FIRST_YEAR = 2016
QUARTERS = 40  # 2016-Q1 … 2025-Q4
NARRATIVE_BYTES = (5_820, 7_220)  # target range for the body loop; files come out ≈6.6–8.0 KB, mean ≈7.3 KB

# ---------------------------------------------------------------------------------------------------------------
# Vocabulary. Many small pools combined at random, plus numbers and invented names, so the text varies like real
# reports (gzip shrinks it about 3×, as it does English prose) instead of repeating one paragraph.

INITIATIVE_WORDS = [
    "Sahyog", "Ekta", "Umeed", "Pragati", "Ubuntu", "Harambee", "Minga", "Tequio", "Bayanihan", "Gotong Royong",
    "Jagoron", "Nari Shakti", "Sangam", "Disha", "Udaan", "Saathi", "Kuza", "Tumaini", "Mshikamano", "Ayni",
    "Convivir", "Tawhid", "Shomota", "Prerna", "Aalo", "Nodi", "Setu", "Jeevika", "Sankalp", "Amani",
]
INITIATIVE_KINDS = ["Alliance", "Collective", "Compact", "Network", "Partnership", "Coalition", "Platform", "Initiative"]
MEANINGS = [
    "cooperation", "unity", "hope", "progress", "humanity towards others", "pulling together", "shared work",
    "community labour", "mutual help", "awakening", "women's strength", "confluence", "direction", "flight",
    "companion", "grow", "hope", "solidarity", "reciprocity", "living together", "unity", "equality", "inspiration",
    "light", "river", "bridge", "livelihood", "resolve", "peace",
]
COUNTRIES = ["Bangladesh", "India", "Kenya", "Nepal", "Peru", "Philippines", "Indonesia", "Tanzania", "Ghana",
             "Colombia", "Uganda", "Sri Lanka", "Mexico", "Ethiopia", "Vietnam"]
ACTORS = [
    ("women garment workers", "garment workers"), ("informal waste pickers", "waste pickers"),
    ("smallholder farmers", "farmers"), ("domestic workers", "domestic workers"),
    ("street vendors", "vendors"), ("young people leaving care", "care leavers"),
    ("construction workers", "construction workers"), ("fisher households", "fishers"),
    ("home-based workers", "home-based workers"), ("migrant families", "migrant families"),
    ("adolescent girls", "girls"), ("tea estate workers", "tea workers"),
]
GOALS = [
    "double the number of {a} with a secure income by {y}",
    "halve the share of {a} without social protection by {y}",
    "ensure that {p}% of {a} can access a grievance mechanism by {y}",
    "move {n} {a} into decent, formal work by {y}",
    "see every {s} in the region covered by health insurance by {y}",
]
SYLLABLES = ["ka", "ra", "ni", "sha", "lo", "mi", "ta", "ban", "dhu", "pur", "ja", "go", "vi", "sen", "ma", "ru",
             "te", "na", "bi", "ko", "la", "si", "de", "hu", "mo", "pa", "chi", "ya", "zu", "wa", "an", "el"]
ORG_KINDS = ["NGO", "social enterprise", "trade union", "cooperative", "research institute", "foundation",
             "self-help group federation", "legal aid clinic", "microfinance institution", "training institute",
             "community-based organisation", "local government agency"]
ORG_FORMS = ["{x} Trust", "{x} Foundation", "{x} Sangathan", "{x} Workers' Union", "{x} Cooperative",
             "Centre for {x} Studies", "{x} Legal Aid", "{x} Skills Institute", "{x} Women's Federation",
             "Friends of {x}", "{x} Livelihoods", "{x} Health Network", "{x} Samiti", "{x} Seva Kendra"]
PLACE_SUFFIX = ["pur", "ganj", "nagar", "bad", "hat", "kot", "gaon", "pet", "palli", "wadi"]

SUBJECTS = [
    "The backbone team", "Field coordinators", "The data working group", "Community facilitators",
    "The steering committee", "Our evaluation partner", "Peer leaders", "Two partner organisations",
    "The {ws} working group", "{P}", "{P} and {Q}", "Staff at {P}", "Volunteers in {place}",
    "The grievance desk", "Outreach workers", "The finance committee", "Members of the advisory council",
]
VERBS = [
    "expanded", "reviewed", "piloted", "completed", "strengthened", "documented", "launched", "coordinated",
    "revised", "scaled up", "simplified", "mapped", "audited", "translated", "renegotiated", "co-designed",
    "tested", "streamlined", "consolidated", "paused", "restarted", "evaluated",
]
OBJECTS = [
    "the referral pathway between {P} and {Q}", "{n} training sessions for {s}", "the shared measurement dashboard",
    "outreach in {k} new wards of {place}", "the intake form used by every partner", "a savings scheme for {n} {s}",
    "the common data dictionary", "case conferences with {Q}", "the helpline script", "{k} mobile enrolment camps",
    "the quarterly learning review", "a wage survey covering {n} {s}", "the childcare pilot in {place}",
    "the memorandum of understanding with the district office", "mentoring circles for {k} cohorts",
    "the consent and data-protection protocol", "joint procurement of {k} tablets", "the grievance log",
    "a curriculum on digital skills", "the transport subsidy for {s} in {place}", "follow-up visits to {n} households",
]
TAILS = [
    "despite {challenge}", "ahead of the {month} review", "with support from {funder}",
    "which raised completion rates to {pct}%", "as agreed at the {month} partner meeting",
    "after {k} rounds of feedback from {s}", "in {k} of the {k2} districts", "at a cost of {cur} {amt}",
    "and shared the results with every partner", "so that no {s2} is counted twice",
    "covering {pct}% of the households we planned to reach", "two weeks later than planned",
    "with {n} participants, {pct}% of them women", "following the floods in {place}", "",
]
CHALLENGES = [
    "the monsoon floods", "a strike at two factories", "staff turnover at {P}", "delays in government payments",
    "rising food prices", "a change in the district administration", "the election period",
    "late disbursement from a funder", "connectivity problems in {place}", "a fire in the {place} market",
]
FUNDERS = ["the Asha Fund", "a bilateral donor", "the district government", "two family foundations",
           "a corporate partner", "the Pooled Learning Fund", "the state skills mission", "a community appeal"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CURRENCIES = ["BDT", "INR", "KES", "NPR", "PEN", "PHP", "USD"]
QUOTES = [
    "Before the programme I did not know where to complain. Now the whole line knows the number by heart.",
    "We used to compete for the same families. Now we meet every month and split the work.",
    "The card means my daughter can see a doctor without us borrowing money.",
    "The data showed us what we did not want to see, and that is why it was useful.",
    "I was trained on the new machines, so when the line was automated I moved up instead of out.",
    "It took three meetings to agree on one definition of a household. It was worth it.",
]
HEADINGS_EXTRA = ["What the numbers say", "Voices from the field", "Working together", "Money and resources",
                  "Policy and practice", "Data quality", "Risks we are watching", "Learning agenda"]
LINK_HOSTS = ["example.org", "example.net", "data.example.org", "reports.example.com"]


def place_name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() + rng.choice(PLACE_SUFFIX)


def org_name(rng):
    x = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return rng.choice(ORG_FORMS).format(x=x)


class Writer:
    """Markdown text for one initiative: fills the pools with that initiative's partners, places and people."""

    def __init__(self, rng, partners, workstreams, actor_short, currency):
        self.rng = rng
        self.partners = partners
        self.workstreams = workstreams
        self.s = actor_short
        self.places = [place_name(rng) for _ in range(8)]
        self.currency = currency

    def fill(self, text):
        r = self.rng
        if "{" not in text:
            return text
        p, q = r.sample(self.partners, 2)
        return text.format(
            P=p, Q=q, ws=r.choice(self.workstreams), place=r.choice(self.places), n=r.randint(12, 4800),
            k=r.randint(2, 19), k2=r.randint(20, 40), s=self.s, s2=self.s.rstrip("s"),
            month=r.choice(MONTHS), funder=r.choice(FUNDERS), pct=r.randint(8, 97), cur=self.currency,
            amt=f"{r.randint(10, 990)},{r.randint(0, 999):03d}", challenge=self.fill(r.choice(CHALLENGES)))

    def sentence(self):
        r = self.rng
        tail = self.fill(r.choice(TAILS))
        text = f"{self.fill(r.choice(SUBJECTS))} {r.choice(VERBS)} {self.fill(r.choice(OBJECTS))}"
        if tail:
            text += " " + tail
        # Emphasis and links as people write them: occasionally, on a phrase.
        roll = r.random()
        if roll < 0.08:
            text += f", see the [{r.choice(['brief', 'minutes', 'dataset', 'photo essay', 'case study'])}]" \
                    f"(https://{r.choice(LINK_HOSTS)}/{r.choice(self.places).lower()}/{r.randint(100, 9999)})"
        elif roll < 0.14:
            text = f"*{text}*"
        elif roll < 0.18:
            text += f" (**{r.randint(2, 60)}% more than last quarter**)"
        return text + "."

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def bullets(self, ordered=False):
        items = []
        for i in range(self.rng.randint(3, 6)):
            mark = f"{i + 1}." if ordered else "-"
            items.append(f"{mark} {self.sentence()}")
        return "\n".join(items)

    def report(self, initiative_name, period, target_bytes):
        r = self.rng
        parts = [
            f"# {initiative_name}: report for {period}",
            f"*Reporting period {period}. Prepared by the backbone team with {r.randint(3, 11)} partners.*",
            "## Highlights", self.bullets(),
            "## Progress against the common agenda", self.paragraph(), self.paragraph(),
        ]
        size = sum(len(x) + 2 for x in parts)
        while size < target_bytes:
            roll = r.random()
            if roll < 0.25:
                block = [f"### {r.choice(self.workstreams)}", self.paragraph()]
            elif roll < 0.45:
                block = [f"**{r.choice(self.partners)}.** {self.paragraph(2, 4)}"]
            elif roll < 0.6:
                block = [f"## {r.choice(HEADINGS_EXTRA)}", self.paragraph(2, 5)]
            elif roll < 0.72:
                block = [self.bullets(ordered=r.random() < 0.4)]
            elif roll < 0.8:
                block = [f"> {r.choice(QUOTES)}\n> — a {self.s.rstrip('s')} in {r.choice(self.places)}"]
            else:
                block = [self.paragraph()]
            parts.extend(block)
            size += sum(len(x) + 2 for x in block)
        parts += ["## Next quarter", self.bullets(ordered=True)]
        return "\n\n".join(parts) + "\n"


def yaml_str(value):
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields):
    lines = ["---"] + [f"{k}: {v}" for k, v in fields] + ["---", ""]
    return "\n".join(lines)


def quarter(ordinal):
    """Ordinal 0 = FIRST_YEAR-Q1."""
    return f"{FIRST_YEAR + ordinal // 4}-Q{ordinal % 4 + 1}"


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def split_total(rng, total, weights):
    """Splits an integer total into len(weights) non-negative integers summing to it (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [int(x) for x in raw]
    rest = total - sum(parts)
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[:rest]:
        parts[i] += 1
    return parts


# ---------------------------------------------------------------------------------------------------------------
# One initiative.

INDICATOR_NAMES = {
    "unique": ["{A} reached (deduplicated)", "{A} enrolled in social protection", "{A} with a bank account",
               "{A} who received legal aid", "{A} in savings groups", "{A} covered by health insurance"],
    "sum": ["Training hours delivered", "Wages recovered ({cur})", "Grievances resolved", "Referrals completed",
            "Enterprise loans disbursed ({cur})", "Childcare places provided"],
    "ratio": ["Share of trainees placed in work", "Share of grievances resolved within 30 days",
              "Share of members saving monthly", "Share of children attending school",
              "Share of workers reporting wage theft"],
    "collab": ["Joint outreach events", "Shared case conferences"],
}


def build_initiative(out_dir, index, seed, *, quarters=QUARTERS, start=0, reports=None, wards=0,
                     magnitude=1, slug=None):
    """Writes one initiative folder and returns (narrative count, results rows).

    quarters: number of periods with data, starting at quarter ordinal `start`.
    reports: how many of the last periods get a narrative (default all).
    wards: number of `ward` categories each collective/collaboration row is disaggregated into (data-heavy).
    """
    rng = random.Random(f"collective-bench:{seed}:{index}")
    word = INITIATIVE_WORDS[index % len(INITIATIVE_WORDS)]
    slug = slug or f"{word.lower().replace(' ', '-')}-{index + 1:04d}"
    name = f"{word} {rng.choice(INITIATIVE_KINDS)} {index + 1}"
    actor, actor_short = rng.choice(ACTORS)
    currency = rng.choice(CURRENCIES)
    folder = os.path.join(out_dir, "initiatives", slug)
    os.makedirs(os.path.join(folder, "reports"), exist_ok=True)
    os.makedirs(os.path.join(folder, "partners"), exist_ok=True)
    first, last = quarter(start), quarter(start + quarters - 1)
    end_year = FIRST_YEAR + (start + quarters - 1) // 4

    # Partners: one backbone and 11 implementing partners.
    ids = ["bb"] + [f"p{i:02d}" for i in range(1, 12)]
    names = {}
    used = set()
    for pid in ids:
        n = org_name(rng)
        while n in used:
            n = org_name(rng)
        used.add(n)
        # Some names carry a comma, so the CSV reader sees quoted fields.
        names[pid] = n + (f", {place_name(rng)}" if rng.random() < 0.3 else "")
    write_csv(os.path.join(folder, "partners.csv"), ["id", "name", "role", "kind", "joined"],
              [[pid, names[pid], "backbone" if pid == "bb" else "implementing", rng.choice(ORG_KINDS), first]
               for pid in ids])
    implementing = ids[1:]

    # Workstreams: four, each led by an implementing partner with two or three supporting partners.
    ws_names = ["Skills and decent work", "Social protection", "Voice and grievance", "Savings and finance"]
    workstreams = []
    for i, wname in enumerate(ws_names):
        lead = implementing[(i * 3) % 11]
        supporting = rng.sample([p for p in implementing if p != lead], rng.randint(2, 3))
        workstreams.append([f"ws{i + 1}", wname, lead, ";".join(supporting),
                            f"By {end_year}, {rng.randint(20, 90)}% of {actor} benefit from {wname.lower()}."])
    write_csv(os.path.join(folder, "workstreams.csv"), ["id", "name", "lead", "supporting", "goal"], workstreams)

    # Indicators: 11 partner, 17 collective (6 unique, 6 sum, 5 ratio), 2 collaboration = 30.
    A = actor_short.capitalize()
    indicators = []  # dicts
    for i, pid in enumerate(implementing):
        indicators.append(dict(id=f"own-{pid}", name=f"{A} served by {names[pid].split(',')[0]}", scope="partner",
                               partner=pid, ws=f"ws{i % 4 + 1}", measure="count", unit="people", direction="increase",
                               ap="sum", pp="sum", contributors=[pid], mag=rng.randint(40, 400)))
    for kind, count in (("unique", 6), ("sum", 6), ("ratio", 5)):
        for i in range(count):
            iname = INDICATOR_NAMES[kind][i].format(A=A, cur=currency)
            decrease = kind == "ratio" and "wage theft" in iname
            indicators.append(dict(
                id=f"{kind}-{i + 1}", name=iname, scope="collective", partner="", ws=f"ws{i % 4 + 1}",
                measure="percentage" if kind == "ratio" else ("amount" if "(" in iname else "count"),
                unit="%" if kind == "ratio" else ("people" if kind == "unique" else "units"),
                direction="decrease" if decrease else "increase", ap=kind,
                pp="latest" if kind == "ratio" or i % 3 == 2 else "sum",
                contributors=rng.sample(implementing, 4), mag=rng.randint(50, 600)))
    for i in range(2):
        indicators.append(dict(id=f"collab-{i + 1}", name=INDICATOR_NAMES["collab"][i], scope="collaboration",
                               partner="", ws=f"ws{i + 1}", measure="count", unit="events", direction="increase",
                               ap="sum", pp="sum", contributors=rng.sample(implementing, 3), mag=rng.randint(3, 30)))

    # Results. Values grow over time with noise; `*` rows of unique indicators are a deduplicated count below the
    # sum of parts; ratio rows carry numerator ≤ denominator.
    ward_weights = [rng.uniform(0.5, 2.0) for _ in range(wards)]
    ward_names = [f"ward-{w + 1:03d}" for w in range(wards)]
    rows = []
    finals = {}  # indicator id -> (baseline, final value) for targets
    for q in range(quarters):
        period = quarter(start + q)
        growth = 1 + 0.04 * q
        for ind in indicators:
            kind = ind["ap"] if ind["scope"] != "partner" else "own"
            disaggregate = wards and ind["scope"] != "partner"
            if kind == "ratio":
                nums, dens = [], []
                for pid in ind["contributors"]:
                    den = int(ind["mag"] * magnitude * rng.uniform(0.7, 1.3))
                    share = min(0.95, max(0.05, (0.6 if ind["direction"] == "increase" else 0.4)
                                          + (0.008 if ind["direction"] == "increase" else -0.006) * q
                                          + rng.uniform(-0.08, 0.08)))
                    if disaggregate:
                        ward_dens = split_total(rng, den, ward_weights)
                        ward_nums = [int(d * min(1.0, max(0.0, share + rng.uniform(-0.1, 0.1)))) for d in ward_dens]
                        num = sum(ward_nums)
                    else:
                        num = int(den * share)
                    # As in the sample: a ratio row gives numerator and denominator, and no value to disagree.
                    rows.append([ind["id"], pid, period, "", num, den, "", "", ""])
                    if disaggregate:
                        # A ward with no one in the denominator has no percentage: no row, as a partner would send.
                        for wn, n_, d_ in zip(ward_names, ward_nums, ward_dens):
                            if d_:
                                rows.append([ind["id"], pid, period, "", n_, d_, "ward", wn, ""])
                    nums.append(num)
                    dens.append(den)
                finals[ind["id"]] = 100 * sum(nums) / sum(dens)
                continue
            total_parts = 0
            ward_sums = [0] * wards
            for pid in ind["contributors"]:
                value = max(1, int(ind["mag"] * magnitude * growth * rng.uniform(0.75, 1.25)))
                note = ""
                if rng.random() < 0.02:
                    note = f"Revised after the {rng.choice(MONTHS)} audit, \"{rng.randint(2, 9)} duplicates\" removed"
                rows.append([ind["id"], pid, period, value, "", "", "", "", note])
                if disaggregate:
                    for w, v in enumerate(split_total(rng, value, ward_weights)):
                        rows.append([ind["id"], pid, period, v, "", "", "ward", ward_names[w], ""])
                        ward_sums[w] += v
                total_parts += value
            if kind == "unique":
                # The backbone's deduplicated count: between the largest partner and the sum of parts.
                factor = rng.uniform(0.72, 0.93)
                if disaggregate:
                    shared_wards = [int(v * factor) for v in ward_sums]
                    shared = sum(shared_wards)
                else:
                    shared = int(total_parts * factor)
                rows.append([ind["id"], "*", period, shared, "", "", "", "", ""])
                if disaggregate:
                    for w, v in enumerate(shared_wards):
                        rows.append([ind["id"], "*", period, v, "", "", "ward", ward_names[w], ""])
                elif ind["id"] in ("unique-1", "unique-2", "unique-3"):
                    bands = split_total(rng, shared, [0.35, 0.4, 0.25])
                    for band, v in zip(("18-25", "26-35", "36+"), bands):
                        rows.append([ind["id"], "*", period, v, "", "", "age_band", band, ""])
                finals[ind["id"]] = shared if ind["pp"] == "latest" else finals.get(ind["id"], 0) + shared
            else:
                finals[ind["id"]] = total_parts if ind["pp"] == "latest" else finals.get(ind["id"], 0) + total_parts
    write_csv(os.path.join(folder, "results.csv"),
              ["indicator", "partner", "period", "value", "numerator", "denominator", "dimension", "category", "note"],
              rows)

    # indicators.csv with baselines and end targets a little above (or below, for decrease) what the data reach.
    ind_rows = []
    for ind in indicators:
        final = finals[ind["id"]]
        if ind["measure"] == "percentage":
            baseline = 60.0 if ind["direction"] == "increase" else 40.0
            target = 90.0 if ind["direction"] == "increase" else 10.0
        else:
            baseline = 0
            target = int(final * rng.uniform(0.9, 1.4)) + 1
        ind_rows.append([ind["id"], ind["name"], ind["scope"], ind["partner"], ind["ws"], ind["measure"], ind["unit"],
                         ind["direction"], ind["ap"], ind["pp"], baseline, first, target, last,
                         f"{ind['name']}, as reported each quarter by the partners that contribute to it."])
        ind["target"] = target
    write_csv(os.path.join(folder, "indicators.csv"),
              ["id", "name", "scope", "partner", "workstream", "measure", "unit", "direction", "across_partners",
               "across_periods", "baseline", "baseline_period", "target", "target_period", "description"], ind_rows)

    # targets.csv: per-partner end targets and yearly collective targets for collective indicators.
    targets = []
    for ind in indicators:
        if ind["scope"] != "collective":
            continue
        for pid in ind["contributors"]:
            t = ind["target"] if ind["measure"] == "percentage" else int(ind["target"] / 4 * rng.uniform(0.8, 1.2))
            targets.append([ind["id"], pid, "", t])
        years = sorted({(start + q) // 4 for q in range(quarters)})
        for k, y in enumerate(years, 1):
            if ind["measure"] == "percentage":
                t = ind["target"]
            else:
                t = int(ind["target"] * k / len(years)) if ind["pp"] == "sum" else ind["target"]
            targets.append([ind["id"], "", f"{FIRST_YEAR + y}-Q4" if (y * 4 + 3) < start + quarters else last, t])
    write_csv(os.path.join(folder, "targets.csv"), ["indicator", "partner", "period", "target"], targets)

    # collaboration.csv: about ten distinct partner pairs per quarter.
    collab = []
    kinds = ["referral", "joint_activity", "shared_resource"]
    for q in range(quarters):
        seen = set()
        for _ in range(rng.randint(8, 12)):
            a, b = rng.sample(implementing, 2)
            k = rng.choice(kinds)
            if (a, b, k) in seen:
                continue
            seen.add((a, b, k))
            collab.append([quarter(start + q), a, b, k, rng.randint(1, 60)])
    write_csv(os.path.join(folder, "collaboration.csv"), ["period", "from", "to", "kind", "count"], collab)

    # outcomes.csv: systems-change outcomes, about one a year.
    conditions = ["policies", "practices", "resource_flows", "relationships", "power_dynamics", "mental_models"]
    outcomes = []
    writer = Writer(rng, [names[p].split(",")[0] for p in implementing], ws_names, actor_short, currency)
    for k in range(max(2, quarters // 4)):
        y = FIRST_YEAR + (start + k * 4) // 4
        outcomes.append([f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         f"{rng.choice(['District', 'State', 'Industry', 'City'])} "
                         f"{rng.choice(['adopts', 'funds', 'recognises', 'changes'])} "
                         f"{rng.choice(['grievance standard', 'childcare norm', 'wage rule', 'enrolment drive'])} {k + 1}",
                         conditions[k % 6], ";".join(rng.sample(implementing, rng.randint(2, 4))),
                         writer.sentence(), f"https://{rng.choice(LINK_HOSTS)}/evidence/{slug}/{k + 1}"])
    write_csv(os.path.join(folder, "outcomes.csv"),
              ["date", "title", "condition", "partners", "description", "evidence"], outcomes)

    # initiative.md: front matter and the shared agenda.
    goal = rng.choice(GOALS).format(a=actor, s=actor_short.rstrip("s"), y=end_year + 5, p=rng.randint(60, 95),
                                    n=f"{rng.randint(5, 90)},000")
    with open(os.path.join(folder, "initiative.md"), "w", encoding="utf-8") as f:
        f.write(front_matter([
            ("name", yaml_str(name)), ("meaning", yaml_str(rng.choice(MEANINGS))),
            ("country", yaml_str(rng.choice(COUNTRIES))), ("backbone", "bb"),
            ("primary_actor", yaml_str(actor)), ("common_goal", yaml_str(goal[0].upper() + goal[1:] + ".")),
            ("started", first), ("period", "quarter")]))
        f.write(f"\n## Shared agenda\n\n{writer.paragraph()}\n\n{writer.bullets()}\n\n"
                f"## How we measure\n\n{writer.paragraph()}\n")

    # Two partner profiles.
    for pid in implementing[:2]:
        with open(os.path.join(folder, "partners", f"{pid}.md"), "w", encoding="utf-8") as f:
            f.write(front_matter([("title", yaml_str(names[pid]))]))
            f.write(f"\n{writer.paragraph()}\n\n{writer.bullets()}\n")

    # Quarterly narratives for the last `reports` periods.
    narratives = quarters if reports is None else reports
    for q in range(quarters - narratives, quarters):
        period = quarter(start + q)
        target = rng.randint(*NARRATIVE_BYTES)
        body = writer.report(name, period, target - 200)
        summary = writer.sentence()
        with open(os.path.join(folder, "reports", f"{period}.md"), "w", encoding="utf-8") as f:
            f.write(front_matter([("title", yaml_str(f"{name}: {period}")), ("period", period),
                                  ("summary", yaml_str(summary))]))
            f.write("\n" + body)
    return narratives, len(rows)


def write_site_yaml(out_dir, title):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(f"title: {yaml_str(title)}\nbase_url: \"/\"\nlanguage: en\nlocale: en\n"
                "illustrative: true\nmin_cell_count: 10\n")


def fresh(out_dir):
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)


# ---------------------------------------------------------------------------------------------------------------
# Commands.

def cmd_large(args):
    fresh(args.out)
    count = args.initiatives * args.scale
    write_site_yaml(args.out, f"Synthetic portfolio ({count} initiatives)")
    narratives = rows = 0
    for i in range(count):
        n, r = build_initiative(args.out, i, args.seed)
        narratives += n
        rows += r
    return dict(initiatives=count, narratives=narratives, results_rows=rows)


def cmd_data_heavy(args):
    fresh(args.out)
    write_site_yaml(args.out, "Synthetic data-heavy portfolio")
    # Rows per quarter without wards: 91 (11 partner rows, 30 unique incl. `*`, 24 sum, 20 ratio, 6 collaboration);
    # each of the 80 collective/collaboration rows gets `wards` ward rows. Pick wards to reach the requested rows.
    base, series = 91, 80
    wards = max(1, -(-(args.rows // QUARTERS - base) // series))
    n1, r1 = build_initiative(args.out, 0, args.seed, wards=wards, magnitude=max(1, wards // 4), reports=4,
                              slug="city-wide")
    n2, r2 = build_initiative(args.out, 1, args.seed, quarters=8, start=QUARTERS - 8)
    n3, r3 = build_initiative(args.out, 2, args.seed, quarters=8, start=QUARTERS - 8)
    return dict(initiatives=3, narratives=n1 + n2 + n3, results_rows=r1 + r2 + r3, heavy_rows=r1, wards=wards)


def cmd_small(args):
    src = args.source
    if os.path.isfile(os.path.join(src, "site.yaml")) and os.path.isdir(os.path.join(src, "initiatives")):
        if os.path.exists(args.out):
            shutil.rmtree(args.out)
        shutil.copytree(src, args.out)
        narratives = sum(len([f for f in fs if f.endswith(".md")]) for d, _, fs in os.walk(args.out)
                         if os.path.basename(d) == "reports")
        return dict(source=src, narratives=narratives)
    print(f"generate.py: {src} has no sample site yet; writing 2 synthetic initiatives × 8 quarters instead",
          file=sys.stderr)
    fresh(args.out)
    write_site_yaml(args.out, "Synthetic small site")
    n = r = 0
    for i in range(2):
        a, b = build_initiative(args.out, i, args.seed, quarters=8, start=QUARTERS - 8)
        n += a
        r += b
    return dict(source="synthetic", initiatives=2, narratives=n, results_rows=r)


HUGO_CONFIG = """baseURL = "http://example.org/"
title = "Collective benchmark: the same narratives through Hugo"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""


def cmd_hugo(args):
    """A minimal Hugo site whose pages are the report narratives of a generated site, byte for byte (their YAML
    front matter, title/period/summary, is valid Hugo front matter), with a one-page layout: {{ .Content }}."""
    fresh(args.out)
    for sub in ("layouts/_default", "content"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    with open(os.path.join(args.out, "config.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    layouts = {
        "layouts/_default/single.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
                                        "<body>{{ .Content }}</body></html>\n",
        "layouts/_default/list.html": "<!DOCTYPE html><html><body><h1>{{ .Title }}</h1></body></html>\n",
        "layouts/index.html": "<!DOCTYPE html><html><body><h1>{{ .Site.Title }}</h1></body></html>\n",
    }
    for rel, text in layouts.items():
        with open(os.path.join(args.out, rel), "w") as f:
            f.write(text)
    copied = 0
    base = os.path.join(args.source, "initiatives")
    for slug in sorted(os.listdir(base)):
        reports = os.path.join(base, slug, "reports")
        if not os.path.isdir(reports):
            continue
        dest = os.path.join(args.out, "content", slug)
        os.makedirs(dest)
        for name in sorted(os.listdir(reports)):
            if name.endswith(".md"):
                shutil.copyfile(os.path.join(reports, name), os.path.join(dest, name))
                copied += 1
    return dict(narratives=copied)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("large", help="N initiatives × 40 quarters (N = --initiatives × --scale)")
    p.add_argument("--initiatives", type=int, default=250)
    p.add_argument("--scale", type=int, default=1)
    p = sub.add_parser("data-heavy", help="one initiative with ≈--rows results rows in one CSV, plus two small ones")
    p.add_argument("--rows", type=int, default=1_000_000)
    p = sub.add_parser("small", help="a copy of the sample content")
    p.add_argument("--from", dest="source", default="content")
    p = sub.add_parser("hugo", help="a minimal Hugo site over the narratives of a generated site")
    p.add_argument("--from", dest="source", required=True)
    for p in sub.choices.values():
        p.add_argument("--out", required=True, help="folder to write (replaced whole)")
        p.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    stats = {"large": cmd_large, "data-heavy": cmd_data_heavy, "small": cmd_small, "hugo": cmd_hugo}[args.command](args)
    stats.update(command=args.command, generator_version=GENERATOR_VERSION)
    print(json.dumps(stats, sort_keys=True))


if __name__ == "__main__":
    main()
