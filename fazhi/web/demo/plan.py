"""Plan the demo district: plain data, decided by one random.Random(seed), no database access.

The same seed and scale give the same names, ID numbers, certificate numbers and histories. Dates that must be
"recent" (certificates expiring within 90 days, expired ones, recent suspensions) are placed relative to `today`,
so the mixture holds on whatever day the demo is built.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.core.validators import USCC_ALPHABET, id_check_char, uscc_check_char
from fazhi.personnel.enums import Gender, StaffType
from fazhi.web.demo import data

# Shares of certifiable (non-auxiliary) officers by certificate history; the rest are "renewed".
FATES = [
    ("new", 0.17),  # first certified after the last replacement year, valid
    ("expiring", 0.04),  # valid, ends within the next 90 days
    ("expired", 0.04),  # ended, never renewed
    ("suspended", 0.015),
    ("revoked", 0.01),
    ("lost", 0.012),  # lost and voided; half of them re-issued
    ("left", 0.03),  # left the post; certificates withdrawn
    ("none", 0.045),  # hired recently, not yet certified
]
HISTORIC_FATES = {"renewed", "suspended", "revoked", "lost", "left"}  # held a certificate from the base year


@dataclass
class CertPlan:
    number: str
    valid_from: dt.date
    categories: list[str]
    area: str
    renew_number: str | None = None
    renew_on: dt.date | None = None
    # (kind, reason, on) applied to the current certificate after issue/renewal: suspend / revoke / lose
    status_change: tuple[str, str, dt.date] | None = None
    reissue_number: str | None = None  # after a loss
    reissue_on: dt.date | None = None


@dataclass
class OfficerPlan:
    key: int
    org_key: str
    name: str
    gender: str
    id_number: str
    staff_type: str
    post: str
    phone: str
    fate: str = "auxiliary"
    certificate: CertPlan | None = None
    leave: tuple[dt.date, str] | None = None
    trainings: list[tuple[str, str, dt.date, Decimal]] = field(default_factory=list)  # course, organiser, on, hours
    exams: list[tuple[str, dt.date, Decimal, bool]] = field(default_factory=list)


@dataclass
class SupervisorPlan:
    name: str
    gender: str
    sector: str
    work_unit: str
    phone: str
    term_start: dt.date
    term_end: dt.date
    ended: bool


@dataclass
class DistrictPlan:
    today: dt.date
    organisations: list[dict]
    liaisons: dict[str, dict]
    bodies: list[dict]
    officers: list[OfficerPlan]
    supervisors: list[SupervisorPlan]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def apportion(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder split of `total` in proportion to `weights` (sums exactly to total)."""
    wsum = sum(weights)
    if wsum == 0 or total == 0:
        return [0] * len(weights)
    raw = [total * w / wsum for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - counts[i], -i), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


class Names:
    """Chinese names of the region: Han names, and Mongolian names with or without a surname."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def person(self, gender: str | None = None) -> tuple[str, str]:
        rng = self.rng
        gender = gender or (Gender.MALE if rng.random() < 0.58 else Gender.FEMALE)
        male = gender == Gender.MALE
        if rng.random() < data.MONGOL_SHARE:
            given = rng.choice(data.MONGOL_MALE if male else data.MONGOL_FEMALE)
            # Many Mongols in Hohhot use a surname (包, 白, 云 …) before a Mongolian or Han given name.
            if rng.random() < 0.45 and len(given) <= 3:
                name = weighted(rng, data.MONGOL_SURNAMES) + given
            else:
                name = given
        else:
            surname = weighted(rng, data.HAN_SURNAMES)
            if rng.random() < 0.3:
                given = rng.choice(data.HAN_MALE_SINGLE if male else data.HAN_FEMALE_SINGLE)
            else:
                given = rng.choice(data.HAN_MALE if male else data.HAN_FEMALE)
            name = surname + given
        return name, gender

    def phone(self) -> str:
        return self.rng.choice(data.MOBILE_PREFIXES) + f"{self.rng.randrange(100000):05d}"


class IdNumbers:
    def __init__(self, rng: random.Random, today: dt.date):
        self.rng, self.today, self.used = rng, today, set()

    def make(self, gender: str, *, min_age: int = 24, max_age: int = 59) -> str:
        rng = self.rng
        while True:
            region = weighted(rng, data.ID_REGIONS)
            oldest = add_years(self.today, -max_age)
            span = (add_years(self.today, -min_age) - oldest).days
            birth = oldest + dt.timedelta(days=rng.randrange(span))
            seq = rng.randrange(0, 100) * 10 + rng.randrange(0, 10)
            # The 17th digit is odd for men and even for women (GB 11643-1999).
            seq = seq - seq % 2 + (1 if gender == Gender.MALE else 0)
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            if first17 not in self.used:
                self.used.add(first17)
                return first17 + id_check_char(first17)


def _org_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714-1997): 8 digits and their check character."""
    body = f"{rng.randrange(10**7, 10**8):08d}"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def _uscc(rng: random.Random, org_type: str, used: set[str]) -> str:
    while True:
        prefix = "12" if org_type in data.INSTITUTION_TYPES else "11"
        first17 = prefix + data.DISTRICT_CODE + _org_code(rng)
        assert all(c in USCC_ALPHABET for c in first17)
        code = first17 + uscc_check_char(first17)
        if code not in used:
            used.add(code)
            return code


def cycle_years(today: dt.date) -> tuple[int, int]:
    """The latest replacement year not after today, and the one before it (NMG96: every 6 years from 2017)."""
    cycle = data.REPLACEMENT_BASE_YEAR + 6 * max(0, (today.year - data.REPLACEMENT_BASE_YEAR) // 6)
    return cycle, cycle - 6


def _quotas(count: int, scale_min: bool) -> list[str]:
    fates = []
    for name, share in FATES:
        n = round(count * share)
        if scale_min and n == 0 and count >= 2 * len(FATES):
            n = 1
        fates += [name] * n
    fates += ["renewed"] * max(0, count - len(fates))
    return fates[:count]


class CertificateNumbers:
    """行政执法证件 numbers: region code (6) + year (2) + serial (5), counted per year."""

    def __init__(self):
        self.serials: dict[int, int] = {}

    def next(self, year: int) -> str:
        self.serials[year] = self.serials.get(year, 0) + 1
        return f"{data.DISTRICT_CODE}{year % 100:02d}{self.serials[year]:05d}"


def plan_district(*, seed: int = 2017, scale: float = 1.0, today: dt.date) -> DistrictPlan:
    rng = random.Random(seed)
    names = Names(rng)
    ids = IdNumbers(rng, today)
    cycle, previous = cycle_years(today)
    used_uscc: set[str] = set()

    organisations = []
    liaisons = {}
    for i, (key, name, short, org_type, parent, jcode, _w, _aux, _cats) in enumerate(data.ORGANISATIONS):
        organisations.append({
            "key": key, "name": name, "short_name": short, "org_type": org_type, "parent": parent,
            "jurisdiction": jcode, "uscc": _uscc(rng, org_type, used_uscc), "sort_order": (i + 1) * 10,
            "address": data.DISTRICT_ADDRESS if key in ("gov", "office") else "",
            "phone": data.DISTRICT_PHONE if key == "gov" else f"0471-{rng.randrange(3300000, 6999999)}",
        })
        lname, _ = names.person()
        local = org_type in (data.T, data.S)
        liaisons[key] = {
            "name": lname,
            "post": rng.choice(data.LIAISON_POSTS_LOCAL if local else data.LIAISON_POSTS_DEPARTMENT),
            "phone": names.phone(),
            "full_time": key == "justice" or (not local and rng.random() < 0.3),
        }

    bodies = []
    batch_serial = {1: 0, 2: 0}
    for key, org_key, basis, entrusting, batch, cats, legal in data.BODIES:
        batch_serial[batch] += 1
        published = data.BATCH_DATES[batch]
        bodies.append({
            "key": key, "organisation": org_key, "basis": basis, "entrusting_body": entrusting,
            "publication_batch": batch, "published_on": published, "categories": cats, "legal_basis_text": legal,
            "qualification_certificate_number": f"赛执主字〔{published.year}〕第{batch_serial[batch]:03d}号",
        })

    body_categories = {b["organisation"]: b["categories"] for b in bodies}
    total = round(data.SEED_OFFICERS * scale)
    counts = apportion(total, [o[6] for o in data.ORGANISATIONS])
    officers: list[OfficerPlan] = []
    for (key, _n, _s, org_type, _p, _j, _w, aux_share, _c), n in zip(data.ORGANISATIONS, counts, strict=True):
        n_aux = round(n * aux_share)
        for j in range(n):
            name, gender = names.person()
            if j < n_aux:
                staff_type, post = StaffType.AUXILIARY, weighted(rng, data.AUXILIARY_POSTS)
            elif org_type == data.OTH or rng.random() < 0.12:
                staff_type, post = StaffType.INSTITUTION_STAFF, weighted(rng, data.INSTITUTION_POSTS)
            else:
                staff_type, post = StaffType.CIVIL_SERVANT, weighted(rng, data.CIVIL_POSTS)
            officers.append(OfficerPlan(
                key=len(officers), org_key=key, name=name, gender=gender,
                id_number=ids.make(gender, max_age=59 if staff_type != StaffType.AUXILIARY else 50),
                staff_type=staff_type, post=post, phone=names.phone(),
            ))

    certifiable = [o for o in officers if o.staff_type != StaffType.AUXILIARY]
    fates = _quotas(len(certifiable), scale_min=scale < 1)
    rng.shuffle(fates)
    numbers = CertificateNumbers()
    jurisdiction_names = {j[0]: j[1] for j in data.JURISDICTIONS}
    org_by_key = {o[0]: o for o in data.ORGANISATIONS}

    def categories_for(org_key: str) -> list[str]:
        return body_categories.get(org_key) or org_by_key[org_key][8] or ["urban"]

    def area_for(org_key: str) -> str:
        jcode = org_by_key[org_key][5]
        return "赛罕区" if jcode == data.DISTRICT_CODE else f"赛罕区{jurisdiction_names[jcode]}"

    def day_in(year: int, start: tuple[int, int], end: tuple[int, int]) -> dt.date:
        first, last = dt.date(year, *start), dt.date(year, *end)
        return first + dt.timedelta(days=rng.randrange((last - first).days + 1))

    def recent(days_back_max: int, days_back_min: int = 1) -> dt.date:
        return today - dt.timedelta(days=rng.randrange(days_back_min, days_back_max + 1))

    # Certificates are issued in the order below; numbers therefore follow the plan, not the database.
    for officer, fate in zip(certifiable, fates, strict=True):
        officer.fate = fate
        if fate == "none":
            continue
        cats, area = categories_for(officer.org_key), area_for(officer.org_key)
        if fate in HISTORIC_FATES:
            issued = day_in(previous, (7, 1), (12, 20))
            cert = CertPlan(numbers.next(issued.year), issued, cats, area)
            old_end = add_years(issued, 6) - dt.timedelta(days=1)
            renew_on = min(old_end - dt.timedelta(days=rng.randrange(0, 75)), today - dt.timedelta(days=30))
            if renew_on > issued:
                cert.renew_on, cert.renew_number = renew_on, numbers.next(renew_on.year)
            if fate == "suspended":
                cert.status_change = ("suspend", rng.choice(data.SUSPEND_REASONS), recent(300, 5))
            elif fate == "revoked":
                cert.status_change = ("revoke", rng.choice(data.REVOKE_REASONS), recent(700, 10))
            elif fate == "lost":
                lost_on = recent(500, 40)
                cert.status_change = ("lose", rng.choice(data.LOST_REASONS), lost_on)
                if rng.random() < 0.5:
                    cert.reissue_on = lost_on + dt.timedelta(days=rng.randrange(15, 35))
                    cert.reissue_number = numbers.next(cert.reissue_on.year)
            elif fate == "left":
                officer.leave = (recent(720, 10), rng.choice(data.LEAVE_REASONS))
        elif fate == "expiring":
            issued = add_years(today, -6) + dt.timedelta(days=rng.randrange(1, 91))
            cert = CertPlan(numbers.next(issued.year), issued, cats, area)
        elif fate == "expired":
            issued = add_years(today, -6) - dt.timedelta(days=rng.randrange(1, 700))
            cert = CertPlan(numbers.next(issued.year), issued, cats, area)
        else:  # new
            earliest = add_years(today, -6) + dt.timedelta(days=120)
            issued = earliest + dt.timedelta(days=rng.randrange(max(1, (today - earliest).days - 30)))
            cert = CertPlan(numbers.next(issued.year), issued, cats, area)
        officer.certificate = cert

    # Exams: the 2017 round. Exactly SEED_PASSED_EXAMS (scaled) passed, drawn from officers certified then.
    n_passed = round(data.SEED_PASSED_EXAMS * scale)
    pool = [o for o in certifiable if o.fate in HISTORIC_FATES]
    rest = [o for o in certifiable if o.fate == "new"]
    rng.shuffle(pool)
    rng.shuffle(rest)
    passers = (pool + rest)[:n_passed]
    for officer in passers:
        score = Decimal(rng.randrange(600, 985, 5)) / 10
        officer.exams.append((data.EXAM_NAME, rng.choice(data.EXAM_SESSIONS), score, True))
    failing = [o for o in certifiable if o.fate in ("none", "expired")] + (pool + rest)[n_passed:]
    for officer in failing[: max(1, round(n_passed * 0.09))]:
        score = Decimal(rng.randrange(300, 595, 5)) / 10
        officer.exams.append((data.EXAM_NAME, rng.choice(data.EXAM_SESSIONS), score, False))

    # Training records.
    for officer in certifiable:
        if officer.fate in ("none",):
            continue
        org_name = org_by_key[officer.org_key][1]
        cert = officer.certificate
        for course, organiser, (month, day), hours, year in data.TRAININGS:
            if year == "previous":
                if officer.fate not in HISTORIC_FATES:
                    continue
                on = dt.date(previous, month, day)
            elif year == "cycle":
                if not cert.renew_on:
                    continue
                on = min(dt.date(cycle, month, day), cert.renew_on - dt.timedelta(days=7))
            elif year == "last":
                if officer.leave or rng.random() > 0.6:
                    continue
                on = dt.date(today.year - 1, month, day)
            else:
                if rng.random() > 0.45 or dt.date(year, month, day) < cert.valid_from:
                    continue
                on = dt.date(year, month, day)
            if on >= today or (officer.leave and on >= officer.leave[0]):
                continue
            officer.trainings.append((course, organiser or org_name, on, Decimal(hours)))

    # Volunteer supervisors: most serve a current three-year term; the first cohort's that ended is kept.
    supervisors = []
    n_sup = max(2, round(data.SEED_SUPERVISORS * scale))
    sector_counts = apportion(n_sup, [w for _s, w in data.SUPERVISOR_SECTORS])
    sectors = [s for (s, _w), n in zip(data.SUPERVISOR_SECTORS, sector_counts, strict=True) for _ in range(n)]
    rng.shuffle(sectors)
    for i, sector in enumerate(sectors):
        name, gender = names.person()
        ended = i % 7 == 6
        if ended:
            start = dt.date(previous, 12, 1)
        else:
            start = today - dt.timedelta(days=rng.randrange(30, 900))
            start = start.replace(day=1)
        end = add_years(start, 3) - dt.timedelta(days=1)
        if not ended and end < today:
            end = add_years(end, 3)
        work_unit = {
            "npc": f"赛罕区人大代表({rng.choice(data.COMPANIES + data.COMMUNITIES)})",
            "cppcc": f"赛罕区政协委员({rng.choice(data.COMPANIES + data.OTHERS)})",
            "lawyer": rng.choice(data.LAW_FIRMS),
            "enterprise": rng.choice(data.COMPANIES),
            "community": rng.choice(data.COMMUNITIES),
            "media": rng.choice(data.MEDIA),
            "other": rng.choice(data.OTHERS),
        }[sector]
        supervisors.append(SupervisorPlan(name, gender, sector, work_unit, names.phone(), start, end, ended))

    return DistrictPlan(today=today, organisations=organisations, liaisons=liaisons, bodies=bodies,
                        officers=officers, supervisors=supervisors)
