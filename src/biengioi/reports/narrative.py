"""The report's text drafted from its figures, and the document and annex built from them.

`draft(statistics, unit=..., period=...)` writes the narrative of each part of the report as the
provinces' reports word it ("Trong năm, đã tổ chức 81 đợt tuần tra đơn phương, 27 đợt tuần tra
song phương ...; tăng 12 đợt (12,5%) so với cùng kỳ"): a dict of plain text, one entry per part
(`KEYS`), each line a paragraph. It is a draft: the secretariat edits it before issuing. The
shortcomings are drafted from the data (incidents past their deadline at the period's end,
markers no patrol inspected, tasks overdue, reports late or missing when the statistics hold
compliance), the directions from the tasks still open with a deadline after the period and the
conclusion notices that assigned them.

`build_document(statistics, narrative, meta)` lays the parts out in the sections of Decree
30/2020/NĐ-CP (I. đặc điểm tình hình; II. kết quả thực hiện with numbered items; III. đánh giá
chung; IV. phương hướng, nhiệm vụ; V. đề xuất, kiến nghị) with the statistics as its appendix;
`annex_tables(statistics)` gives the XLSX annex, one table per section (current, previous,
change). The document's text is Vietnamese whatever the interface's language.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from .annex import (
    CHANGE_PERCENT,
    INTEGER,
    RATE,
    AnnexColumn,
    AnnexTable,
    decimal,
    places,
    signed,
)
from .document import (
    Appendix,
    Column,
    Paragraph,
    Report,
    Section,
    Signature,
    SubSection,
    Table,
    reference_text,
)
from .figures import BANG, Figure, vn_int, vn_number, vn_percent
from .periods import Period, PeriodKind, shift_year
from .statistics import Section as StatSection
from .statistics import Statistics

__all__ = [
    "KEYS",
    "TITLES",
    "Meta",
    "annex_tables",
    "build_document",
    "default_meta",
    "draft",
    "next_period_label",
]

# ----------------------------------------------------------------------------------- the parts

# (key, title of the item in the document); the order is the document's
RESULTS: list[tuple[str, str]] = [
    ("results.leadership", "Công tác lãnh đạo, chỉ đạo, điều hành"),
    ("results.propaganda", "Công tác tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"),
    ("results.patrols", "Quản lý, bảo vệ đường biên giới, mốc quốc giới"),
    ("results.incidents", "Giải quyết các vụ việc trên biên giới"),
    ("results.security", "Giữ gìn an ninh, trật tự; phòng, chống tội phạm; cứu hộ, cứu nạn"),
    ("results.gates", "Quản lý cửa khẩu, xuất nhập cảnh, xuất nhập khẩu; tiếp nhận, trao trả"),
    ("results.foreign", "Hợp tác, đối ngoại biên phòng; kết nghĩa"),
    ("results.movement",
     "Phong trào toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới"),
    ("results.programmes",
     "Xây dựng khu vực biên giới; các chương trình an sinh; thi đua, khen thưởng"),
    ("results.compliance", "Thực hiện chế độ thông tin, báo cáo"),
]  # fmt: skip
ASSESSMENT: list[tuple[str, str]] = [
    ("strengths", "Ưu điểm"),
    ("shortcomings", "Tồn tại, hạn chế"),
    ("causes", "Nguyên nhân"),
]
KEYS: list[str] = [
    "situation",
    *(k for k, _t in RESULTS),
    *(k for k, _t in ASSESSMENT),
    "directions",
    "proposals",
]
TITLES: dict[str, str] = {
    "situation": "Đặc điểm tình hình",
    **dict(RESULTS),
    **dict(ASSESSMENT),
    "directions": "Phương hướng, nhiệm vụ",
    "proposals": "Đề xuất, kiến nghị",
}
MAX_TEXT = 20_000  # characters of one part


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a part: its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# ---------------------------------------------------------------------------- how we write

DAY = "%d/%m/%Y"


def _when(period: Period) -> str:
    """ "Trong năm", "Trong 6 tháng đầu năm", "Trong quý", "Trong kỳ"."""
    if period.kind == PeriodKind.YEAR:
        return "Trong năm"
    if period.kind == PeriodKind.HALF:
        return f"Trong 6 tháng {'đầu' if period.part == 1 else 'cuối'} năm"
    if period.kind == PeriodKind.QUARTER:
        return "Trong quý"
    return "Trong kỳ"


def _n(value: Any) -> str:
    return vn_number(value, 1)


def _money(value: Any) -> str:
    return vn_int(value)


def change(figure: Figure, unit: str = "") -> str:
    """ "tăng 12 đợt (12,5%) so với cùng kỳ", "giảm 3 vụ so với cùng kỳ", "bằng cùng kỳ"."""
    if figure.trend == BANG:
        return "bằng cùng kỳ"
    magnitude = abs(figure.change)
    text = f"{figure.trend} {_n(magnitude)}{' ' + unit if unit else ''}"
    percent = figure.percent
    if percent is not None:
        text += f" ({vn_percent(abs(percent))})"
    return text + " so với cùng kỳ"


def _listing(items: Sequence[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _v(section: StatSection, name: str) -> Any:
    figure = section.total.get(name)
    return figure.value if figure is not None else 0


def _f(section: StatSection, name: str) -> Figure:
    return section.total.get(name, Figure(0, 0))


def _by(section: StatSection, by: str, key: str, name: str) -> Figure:
    return section.by.get(by, {}).get(key, {}).get(name, Figure(0, 0))


# ------------------------------------------------------------------------------- the parts


def _situation(s: Statistics, unit_name: str, period: Period) -> list[str]:
    r = s.registry
    lines = []
    if _v(r, "km") or _v(r, "markers"):
        gates = f"{_n(_v(r, 'gates'))} cửa khẩu" if _v(r, "gates") else ""
        if gates and _v(r, "gates_open"):
            gates += f" (trong đó {_n(_v(r, 'gates_open'))} cửa khẩu đang mở)"
        held = [
            f"{_n(_v(r, 'markers'))} mốc quốc giới" if _v(r, "markers") else "",
            f"{_n(_v(r, 'signs'))} biển báo" if _v(r, "signs") else "",
            gates,
        ]
        text = f"{unit_name} quản lý, bảo vệ {vn_number(_v(r, 'km'), 3)} km đường biên giới"
        if any(held):
            text += f" với {_listing(held)}"
        if _v(r, "border_communes"):
            text += f"; khu vực biên giới gồm {_n(_v(r, 'border_communes'))} xã, phường biên giới"
        lines.append(text + ".")
    else:
        lines.append(f"{unit_name} chưa có đoạn biên giới nào được ghi nhận trong hệ thống.")
    status = r.by.get("marker_status", {})
    words = {
        "intact": "nguyên trạng",
        "damaged": "hư hỏng",
        "displaced": "bị xê dịch",
        "landslide": "bị sạt lở hoặc có nguy cơ sạt lở",
        "lost": "bị mất",
    }
    parts = [
        f"{_n(status[k]['count'].value)} mốc {w}"
        for k, w in words.items()
        if k in status and status[k]["count"].value
    ]
    if parts:
        lines.append(f"Tình trạng mốc quốc giới đến ngày {s.end:{DAY}}: {_listing(parts)}.")
    lines.append(
        "Tình hình biên giới, lãnh thổ quốc gia cơ bản được giữ vững ổn định; an ninh chính "
        "trị, trật tự an toàn xã hội khu vực biên giới được bảo đảm; quan hệ hợp tác với chính "
        "quyền, lực lượng bảo vệ biên giới nước láng giềng được duy trì."
    )
    return lines


def _leadership(s: Statistics, when: str) -> list[str]:
    lines = []
    held = _f(s.conferences, "conferences")
    kinds = {
        "briefing": "hội nghị giao ban",
        "half_year": "hội nghị sơ kết 6 tháng",
        "annual": "hội nghị tổng kết năm",
        "multi_year": "hội nghị sơ kết, tổng kết nhiều năm",
        "treaty_review": "hội nghị sơ kết, tổng kết thực hiện các văn kiện về biên giới",
    }
    if held.value:
        parts = [
            f"{_n(_by(s.conferences, 'kind', k, 'conferences').value)} {w}"
            for k, w in kinds.items()
            if _by(s.conferences, "kind", k, "conferences").value
        ]
        lines.append(
            f"{when}, đã tổ chức {_n(held.value)} hội nghị về công tác biên giới "
            f"({_listing(parts)}), {change(held, 'hội nghị')}."
        )
    else:
        lines.append(f"{when}, chưa ghi nhận hội nghị nào về công tác biên giới.")
    t = s.tasks
    if _v(t, "due") or _v(t, "done") or _v(t, "overdue"):
        done, due, on_time = _v(t, "done"), _v(t, "due"), _v(t, "done_on_time")
        text = (
            f"Các cơ quan, đơn vị đã hoàn thành {_n(done)} nhiệm vụ được giao"
            if done
            else "Các cơ quan, đơn vị chưa hoàn thành nhiệm vụ được giao nào"
        )
        if due:
            text += f"; trong số {_n(due)} nhiệm vụ đến hạn trong kỳ, " + (
                f"{_n(on_time)} nhiệm vụ hoàn thành đúng hạn "
                f"({vn_percent(_v(t, 'on_time_percent'))})"
                if on_time
                else "không nhiệm vụ nào hoàn thành đúng hạn"
            )
        if _v(t, "overdue"):
            text += f"; còn {_n(_v(t, 'overdue'))} nhiệm vụ quá hạn chưa hoàn thành"
        lines.append(text + ".")
    return lines


def _propaganda(s: Statistics, when: str) -> list[str]:
    p, tr = s.propaganda, s.training
    lines = []
    sessions, listeners = _f(p, "sessions"), _f(p, "listeners")
    if sessions.value:
        text = (
            f"{when}, đã tổ chức tuyên truyền được {_n(sessions.value)} buổi/"
            f"{_n(listeners.value)} lượt người nghe ({change(sessions, 'buổi')}; số lượt người "
            f"nghe {change(listeners).removesuffix(' so với cùng kỳ')})"
        )
        if _v(p, "materials"):
            text += f"; phát hành {_n(_v(p, 'materials'))} tờ rơi, lịch, sổ tay, tài liệu"
        lines.append(text + ".")
    else:
        lines.append(f"{when}, chưa ghi nhận buổi tuyên truyền nào.")
    courses = _f(tr, "courses")
    if courses.value:
        text = f"Mở {_n(courses.value)} lớp tập huấn, bồi dưỡng"
        if _v(tr, "teams"):
            text += (
                f" cho {_n(_v(tr, 'teams'))} tổ tự quản đường biên, mốc quốc giới, an ninh "
                f"trật tự, tàu thuyền, bến bãi an toàn"
            )
        if _v(tr, "participants"):
            text += f", với {_n(_v(tr, 'participants'))} lượt người tham dự"
        lines.append(f"{text} ({change(courses, 'lớp')}).")
    return lines


def _patrols(s: Statistics, when: str) -> list[str]:
    p = s.patrols
    kinds = {
        "unilateral": "tuần tra đơn phương",
        "bilateral": "tuần tra song phương",
        "joint": "tuần tra chung",
        "joint_law_enforcement": "tuần tra liên hợp chấp pháp",
    }
    total = _f(p, "patrols")
    lines = []
    if total.value:
        parts = [
            f"{_n(_by(p, 'kind', k, 'patrols').value)} đợt {w}"
            for k, w in kinds.items()
            if _by(p, "kind", k, "patrols").value
        ]
        kept = " nguyên trạng" if not _markers_lost(s) else ""
        text = (
            f"{when}, hệ thống đường biên giới, mốc quốc giới, các biển báo vành đai biên giới, "
            f"khu vực biên giới, khu vực cửa khẩu trên địa bàn được quản lý, bảo vệ{kept}; đã tổ "
            f"chức {', '.join(parts)} bảo vệ đường biên, mốc quốc giới (tổng số "
            f"{_n(total.value)} đợt, {change(total, 'đợt')})"
        )
        if _v(p, "participants"):
            text += f", với {_n(_v(p, 'participants'))} lượt người tham gia"
        if _v(p, "km"):
            text += f", tổng chiều dài {vn_number(_v(p, 'km'), 1)} km"
        lines.append(text + ".")
    else:
        lines.append(f"{when}, chưa ghi nhận đợt tuần tra bảo vệ đường biên, mốc quốc giới nào.")
    if _v(p, "inspections"):
        found = {
            "damaged": "hư hỏng",
            "displaced": "bị xê dịch",
            "landslide": "bị sạt lở",
            "lost": "bị mất",
        }
        faults = [f"{_n(_v(p, k))} lượt mốc {w}" for k, w in found.items() if _v(p, k)]
        text = (
            f"Qua tuần tra đã kiểm tra {_n(_v(p, 'markers'))} mốc quốc giới "
            f"({_n(_v(p, 'inspections'))} lượt kiểm tra)"
        )
        text += (
            f", phát hiện {_listing(faults)}"
            if faults
            else ", các mốc được kiểm tra đều nguyên trạng"
        )
        if _v(p, "cleared"):
            text += f"; phát quang {_n(_v(p, 'cleared'))} lượt mốc"
        lines.append(text + ".")
    return lines


def _incidents(s: Statistics, when: str) -> list[str]:
    i = s.incidents
    arisen = _f(i, "arisen")
    if not (arisen.value or _v(i, "outstanding") or _v(i, "resolved")):
        return [f"{when}, không phát sinh vụ việc nào trên biên giới."]
    arose = (
        f"phát sinh {_n(arisen.value)} vụ việc trên biên giới ({change(arisen, 'vụ')})"
        if arisen.value
        else "không phát sinh vụ việc mới trên biên giới"
    )
    resolved = _v(i, "resolved")
    outstanding = _v(i, "outstanding")
    text = (
        f"{when}, {arose}; "
        + (f"đã giải quyết {_n(resolved)} vụ" if resolved else "chưa có vụ nào giải quyết xong")
        + "; đến cuối kỳ "
        + (
            f"còn {_n(outstanding)} vụ đang giải quyết"
            if outstanding
            else "không còn vụ việc nào đang giải quyết"
        )
    )
    if _v(i, "overdue"):
        text += f", trong đó {_n(_v(i, 'overdue'))} vụ quá thời hạn xử lý"
    return [text + "."]


def _security(s: Statistics, when: str) -> list[str]:
    c, r = s.crime, s.rescues
    lines = []
    cases = _f(c, "cases")
    if cases.value:
        handled = [
            f"{words} {_n(_v(c, key))} vụ"
            for key, words in (
                ("prosecuted", "khởi tố"),
                ("sanctioned", "xử phạt vi phạm hành chính"),
            )
            if _v(c, key)
        ]
        persons = f"/{_n(_v(c, 'persons'))} đối tượng" if _v(c, "persons") else ""
        text = (
            f"{when}, đã phát hiện, bắt giữ {_n(cases.value)} vụ{persons} vi phạm pháp luật "
            f"({change(cases, 'vụ')})" + (f"; {', '.join(handled)}" if handled else "")
        )
        if _v(c, "fines_vnd"):
            text += f" với số tiền {_money(_v(c, 'fines_vnd'))} đồng"
        if _v(c, "transferred"):
            text += f", chuyển cơ quan chức năng {_n(_v(c, 'transferred'))} vụ"
        if _v(c, "seized_value_vnd"):
            text += f"; tang vật thu giữ trị giá {_money(_v(c, 'seized_value_vnd'))} đồng"
        lines.append(text + ".")
    else:
        lines.append(f"{when}, chưa ghi nhận vụ vi phạm pháp luật nào ở khu vực biên giới.")
    if _v(r, "operations"):
        saved = [
            f"{words} {_n(_v(r, key))} người"
            for key, words in (("rescued", "cứu được"), ("evacuated", "sơ tán"))
            if _v(r, key)
        ]
        forces = f" với {_n(_v(r, 'forces'))} lượt người tham gia" if _v(r, "forces") else ""
        lines.append(
            f"Tổ chức {_n(_v(r, 'operations'))} đợt tìm kiếm, cứu hộ, cứu nạn{forces}"
            + (f"; {', '.join(saved)}" if saved else "")
            + "."
        )
    return lines


def _gates(s: Statistics, when: str) -> list[str]:
    g, h = s.gate_traffic, s.handovers
    lines = []
    if _v(g, "records"):
        persons = _f(g, "persons_out") + _f(g, "persons_in")
        vehicles = _f(g, "vehicles_out") + _f(g, "vehicles_in")
        value = _f(g, "export_value_usd") + _f(g, "import_value_usd")
        done = [
            f"{_n(persons.value)} lượt người xuất, nhập cảnh ({change(persons, 'lượt')})"
            if persons.value
            else "",
            f"{_n(vehicles.value)} lượt phương tiện" if vehicles.value else "",
        ]
        text = (
            f"{when}, qua các cửa khẩu đã làm thủ tục cho {_listing(done)}"
            if any(done)
            else f"{when}, qua các cửa khẩu không có lượt người, phương tiện xuất, nhập cảnh"
        )
        if value.value:
            text += f"; kim ngạch xuất, nhập khẩu đạt {vn_number(value.value, 2)} USD"
        lines.append(text + ".")
    if _v(h, "operations"):
        kinds = {"receive": "tiếp nhận", "hand_back": "trao trả", "expel": "trục xuất"}
        parts = [
            f"{w} {_n(_by(h, 'kind', k, 'persons').value)} người"
            for k, w in kinds.items()
            if _by(h, "kind", k, "operations").value
        ]
        lines.append(
            f"Phối hợp {_listing(parts)} qua biên giới ({_n(_v(h, 'operations'))} đợt), đúng "
            f"quy trình, quy định."
        )
    if not lines:
        lines.append(f"{when}, chưa ghi nhận số liệu qua các cửa khẩu.")
    return lines


def _foreign(s: Statistics, when: str) -> list[str]:
    t = s.twinning
    phrases = {
        "commune_township": "{n} cụm xã, thị trấn biên giới với các xã, hương, trấn biên giới "
        "nước láng giềng",
        "cluster_cluster": "{n} cụm thôn, bản dân cư hai bên biên giới",
        "village_village": "{n} cặp bản – bản",
        "post_post": "{n} cặp đồn Biên phòng với đơn vị bảo vệ biên giới nước láng giềng",
    }
    parts = [
        phrase.format(n=_n(_by(t, "kind", k, "pairs").value))
        for k, phrase in phrases.items()
        if _by(t, "kind", k, "pairs").value
    ]
    if not parts:
        return [f"{when}, chưa ghi nhận quan hệ kết nghĩa nào."]
    pairs = _f(t, "pairs")
    text = f"Duy trì quan hệ kết nghĩa giữa {_listing(parts)} ({change(pairs, 'cặp')})"
    if _v(t, "signed"):
        text += f"; ký kết mới {_n(_v(t, 'signed'))} cặp kết nghĩa"
    lines = [text + "."]
    held = [
        f"{_n(_v(t, name))} {words}"
        for name, words in (
            ("meetings", "buổi giao ban"),
            ("activities", "hoạt động giao lưu, hợp tác"),
        )
        if _v(t, name)
    ]
    if held:
        lines.append(f"{when}, các cặp kết nghĩa tổ chức {_listing(held)}.")
    return lines


def _movement(s: Statistics, when: str) -> list[str]:
    t = s.teams
    if not _v(t, "teams"):
        return [f"{when}, chưa ghi nhận tổ tự quản nào."]
    kinds = {
        "line_markers": "tổ tự quản đường biên, mốc quốc giới",
        "village_security": "tổ tự quản an ninh trật tự thôn, bản",
        "safe_vessels": "tổ tàu thuyền an toàn",
        "safe_wharf": "tổ bến bãi an toàn",
        "solidarity": "tổ đoàn kết",
    }
    parts = [
        f"{_n(_by(t, 'kind', k, 'teams').value)} {w}"
        for k, w in kinds.items()
        if _by(t, "kind", k, "teams").value
    ]
    teams = _f(t, "teams")
    text = (
        f"Phong trào “Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc "
        f"gia” được duy trì; đến cuối kỳ có {_n(teams.value)} tổ tự quản ({_listing(parts)}; "
        f"{change(teams, 'tổ')})"
    )
    if _v(t, "members"):
        text += f" với {_n(_v(t, 'members'))} thành viên"
    if _v(t, "markers"):
        text += f", tự quản {_n(_v(t, 'markers'))} mốc quốc giới"
    if _v(t, "km"):
        text += f", {vn_number(_v(t, 'km'), 1)} km đường biên"
    lines = [text + "."]
    if _v(t, "founded"):
        lines.append(f"{when}, thành lập mới {_n(_v(t, 'founded'))} tổ tự quản.")
    return lines


def _programmes(s: Statistics, when: str) -> list[str]:
    p, a = s.programmes, s.awards
    lines = []
    if _v(p, "beneficiaries") or _v(p, "activities"):
        run = _programmes_run(p)
        text = (
            f"Các chương trình, mô hình {_listing(run)} được duy trì"
            if run
            else "Các chương trình an sinh được duy trì"
        )
        parts = []
        if _v(p, "beneficiaries"):
            parts.append(f"đến cuối kỳ hỗ trợ {_n(_v(p, 'beneficiaries'))} người")
        if _v(p, "activities"):
            served = (
                f" cho {_n(_v(p, 'people_served'))} lượt người" if _v(p, "people_served") else ""
            )
            parts.append(f"{when.lower()} tổ chức {_n(_v(p, 'activities'))} hoạt động{served}")
        text += ": " + "; ".join(parts)
        if _v(p, "spent_vnd"):
            text += f", kinh phí {_money(_v(p, 'spent_vnd'))} đồng"
        lines.append(text + ".")
    if _v(a, "awards"):
        whom = [
            f"{_n(_v(a, name))} {word}"
            for name, word in (("collectives", "tập thể"), ("individuals", "cá nhân"))
            if _v(a, name)
        ]
        whom_text = _listing(whom) if whom else "các tập thể, cá nhân"
        lines.append(f"Khen thưởng {whom_text} có thành tích xuất sắc trong công tác biên giới.")
    if not lines:
        lines.append(f"{when}, chưa ghi nhận hoạt động an sinh, khen thưởng nào.")
    return lines


# the compliance table's rows (they open with a capital, as every table's rows do)
COMPLIANCE_NAMES = {
    "due": (gettext_noop("Báo cáo phải nộp"), "báo cáo"),
    "submitted": (gettext_noop("Báo cáo đã nộp"), "báo cáo"),
    "on_time": (gettext_noop("Báo cáo nộp đúng hạn"), "báo cáo"),
    "late": (gettext_noop("Báo cáo nộp chậm"), "báo cáo"),
    "missing": (gettext_noop("Báo cáo chưa nộp"), "báo cáo"),
    "on_time_percent": (gettext_noop("Tỷ lệ nộp đúng hạn (%)"), "%"),
}


def _programmes_run(p: StatSection) -> list[str]:
    """The programmes the scope runs, by name in quotes as the reports write them ("“Con nuôi
    đồn Biên phòng”"): those with someone supported or an activity in the period, never one
    the scope does not run ("other" programmes are not named)."""
    labels = p.labels.get("kind", {})
    return [
        f"“{labels.get(kind, kind)}”"
        for kind, figures in p.by.get("kind", {}).items()
        if kind != "other"
        and any(figures.get(n, Figure(0, 0)).value for n in ("beneficiaries", "activities"))
    ]


def _markers_lost(s: Statistics) -> bool:
    """Whether a marker stood displaced or lost at the end of the period: the line is then not
    "nguyên trạng"."""
    return any(_by(s.registry, "marker_status", k, "count").value for k in ("displaced", "lost"))


def _compliance(s: Statistics, when: str) -> list[str]:
    c = s.compliance
    if c is None or not has_compliance(s):
        return []  # no reporting duty in either period: nothing to say
    if "due" in c.total:
        text = f"{when}, theo các quy chế phối hợp, các đơn vị phải nộp {_n(_v(c, 'due'))} báo cáo"
        submitted = _v(c, "submitted") if "submitted" in c.total else None
        if submitted == 0:
            text += ", chưa nộp báo cáo nào"
        elif submitted is not None:
            text += f", đã nộp {_n(submitted)} báo cáo"
        if submitted != 0 and "on_time" in c.total:
            on_time = _v(c, "on_time")
            if on_time:
                text += f", trong đó {_n(on_time)} báo cáo đúng hạn"
                if "on_time_percent" in c.total:
                    text += f" ({vn_percent(_v(c, 'on_time_percent'))})"
            else:
                text += ", không báo cáo nào đúng hạn"
        return [text + "."]
    parts = [
        f"{_lower_first(_label(COMPLIANCE_NAMES, k))}: {_n(f.value)}" for k, f in c.total.items()
    ]
    return [f"{when}, chế độ thông tin, báo cáo: {'; '.join(parts)}."]


def _label(names: dict[str, tuple[str, str]], key: str) -> str:
    return names.get(key, (key, ""))[0]


# --------------------------------------------------------------------- assessment and tasks


@dataclass(frozen=True)
class OpenTask:
    title: str
    unit: str
    deadline: date
    notice: str  # "Thông báo kết luận số 52/TB-BCĐ ngày 15/07/2025", or ""


def open_tasks(unit: Any, after: date) -> list[OpenTask]:
    """The tasks of the scope's units (and of the units they took over from) open at `after`
    (the period's last day, or the day its figures stand at: given by then and not done as of
    then, coordination.statistics.open_on) with a deadline after it, with the conclusion
    notice that assigned each. A report of a past period never names a task given since."""
    from biengioi.coordination.statistics import open_on
    from biengioi.registry.statistics import scope_paths

    rows = (
        open_on(scope_paths(unit), after)
        .filter(deadline__gt=after)
        .select_related("unit", "conclusion")
        .order_by("conclusion__issued_on", "conclusion_id", "deadline", "pk")[:50]
    )
    return [
        OpenTask(
            title=t.title,
            unit=t.unit.name,
            deadline=t.deadline,
            notice=(
                f"Thông báo kết luận số {t.conclusion.number} ngày {t.conclusion.issued_on:{DAY}}"
                if t.conclusion
                else ""
            ),
        )
        for t in rows
    ]


def _strengths(s: Statistics) -> list[str]:
    grew = []
    checks: list[tuple[Figure, str, str]] = [
        (_f(s.patrols, "patrols"), "số đợt tuần tra", "đợt"),
        (_f(s.propaganda, "sessions"), "số buổi tuyên truyền", "buổi"),
        (_f(s.training, "courses"), "số lớp tập huấn", "lớp"),
        (_f(s.teams, "teams"), "số tổ tự quản", "tổ"),
        (_f(s.twinning, "pairs"), "số cặp kết nghĩa", "cặp"),
        (_f(s.incidents, "resolved"), "số vụ việc được giải quyết", "vụ"),
    ]
    for figure, words, unit_word in checks:
        if figure.change > 0:
            grew.append(f"{words} {change(figure, unit_word).removesuffix(' so với cùng kỳ')}")
    lines = [
        "Các cấp, các ngành đã quan tâm lãnh đạo, chỉ đạo công tác biên giới; các cơ quan, đơn "
        "vị thành viên Ban Chỉ đạo đã có nhiều cố gắng, nỗ lực, tích cực tham mưu, phối hợp "
        "triển khai nhiệm vụ."
    ]
    if not _markers_lost(s):
        lines.append(
            "Đường biên giới, mốc quốc giới, các biển báo vành đai biên giới, khu vực biên giới "
            "được quản lý, bảo vệ nguyên trạng; chủ quyền lãnh thổ, an ninh biên giới quốc gia "
            "được giữ vững."
        )
    if grew:
        lines.append(f"Một số chỉ tiêu tăng so với cùng kỳ: {_listing(grew)}.")
    return lines


def _shortcomings(s: Statistics, unit: Any) -> list[str]:
    lines = []
    overdue = _v(s.incidents, "overdue")
    if overdue:
        lines.append(
            "Việc giải quyết một số vụ việc trên biên giới có lúc chưa kịp thời: đến ngày "
            f"{s.end:{DAY}} còn {_n(overdue)} vụ việc quá thời hạn xử lý"
            + _overdue_named(overdue_incidents(unit, s.end))
            + "."
        )
    not_seen = _v(s.patrols, "not_inspected")
    if not_seen:
        lines.append(
            f"Còn {_n(not_seen)}/{_n(_v(s.registry, 'markers'))} mốc quốc giới chưa được kiểm "
            f"tra trong kỳ."
        )
    damaged = sum(
        _by(s.registry, "marker_status", k, "count").value
        for k in ("damaged", "displaced", "landslide", "lost")
    )
    if damaged:
        lines.append(
            f"Còn {_n(damaged)} mốc quốc giới bị hư hỏng, xê dịch, sạt lở hoặc bị mất chưa được "
            f"khắc phục."
        )
    tasks = _v(s.tasks, "overdue")
    if tasks:
        lines.append(f"Còn {_n(tasks)} nhiệm vụ được giao đã quá hạn nhưng chưa hoàn thành.")
    c = s.compliance
    if c is not None:
        late, missing = _v(c, "late"), _v(c, "missing")
        if late or missing:
            owed = [
                f"{_n(n)} báo cáo {words}"
                for n, words in ((late, "nộp chậm"), (missing, "chưa nộp"))
                if n
            ]
            named = _owing_units(c)
            lines.append(
                f"Một số đơn vị thực hiện chưa tốt chế độ thông tin, báo cáo: {_listing(owed)}."
                + (f" {named}." if named else "")
            )
    for figure, words, unit_word in (
        (_f(s.patrols, "patrols"), "Số đợt tuần tra", "đợt"),
        (_f(s.propaganda, "sessions"), "Số buổi tuyên truyền", "buổi"),
    ):
        if figure.change < 0:
            lines.append(f"{words} {change(figure, unit_word)}.")
    if not lines:
        lines.append(
            "Việc phối hợp nắm tình hình, giải quyết một số vụ việc trên biên giới có lúc chưa "
            "kịp thời; việc duy trì chế độ trao đổi thông tin giữa các lực lượng có thời điểm "
            "chưa thường xuyên."
        )
    return lines


NAMED_UNITS = 8  # units a shortcoming names; more are counted
NAMED_INCIDENTS = 3  # overdue incidents a shortcoming names; more are counted


@dataclass(frozen=True)
class OverdueIncident:
    title: str
    rung: str  # "cấp cơ sở", "cấp tỉnh", "cấp Trung ương": the rung it stood on that day
    days_over: int


def overdue_incidents(unit: Any, day: date) -> list[OverdueIncident]:
    """The incidents of the scope's units (and of the units they took over from) past their
    rung's deadline on `day` (the period's last day, or the day its figures stand at), the
    longest overdue first: the same incidents the statistics count overdue."""
    from biengioi.operations.models import HandlingLevel
    from biengioi.operations.statistics import overdue_on
    from biengioi.registry.statistics import scope_paths

    with translation.override("vi"):
        rungs = {str(level.value): str(level.label) for level in HandlingLevel}
    return [
        OverdueIncident(
            title=o.title,
            rung=_lower_first(rungs.get(o.rung, o.rung)),
            days_over=o.days_over,
        )
        for o in overdue_on(scope_paths(unit), day)
    ]


def _overdue_named(incidents: Sequence[OverdueIncident]) -> str:
    """ ", gồm: vụ “Xâm canh tại khu vực mốc 250” (cấp tỉnh, quá hạn 12 ngày), vụ “...” (cấp
    cơ sở, quá hạn 3 ngày) và 2 vụ khác": the first few by name, the others counted."""
    if not incidents:
        return ""
    named = [
        f"vụ “{i.title.strip().rstrip('.;,')}” ({i.rung}, quá hạn {_n(i.days_over)} ngày)"
        for i in incidents[:NAMED_INCIDENTS]
    ]
    more = len(incidents) - NAMED_INCIDENTS
    if more > 0:
        return ", gồm: " + ", ".join(named) + f" và {_n(more)} vụ khác"
    return ", gồm: " + _listing(named)


def _owing_units(c: StatSection) -> str:
    """The units that sent reports late or not at all, by name, each with how many and how
    late: "Đồn Biên phòng A Pa nộp chậm 1 báo cáo (chậm 5 ngày) và chưa nộp 1 báo cáo; Đồn Biên
    phòng Bản Giốc nộp chậm 2 báo cáo (chậm nhất 12 ngày)"; the first eight, the others
    counted."""
    names = c.labels.get("unit", {})
    named = []
    for key, figures in sorted(c.by.get("unit", {}).items(), key=lambda kv: names.get(kv[0], "")):
        late = figures["late"].value if "late" in figures else 0
        missing = figures["missing"].value if "missing" in figures else 0
        parts = []
        if late:
            text = f"nộp chậm {_n(late)} báo cáo"
            most = figures["late_days_max"].value if "late_days_max" in figures else 0
            if most:
                text += f" ({'chậm nhất ' if late > 1 else 'chậm '}{_n(most)} ngày)"
            parts.append(text)
        if missing:
            parts.append(f"chưa nộp {_n(missing)} báo cáo")
        if parts:
            named.append(f"{names.get(key, key)} {' và '.join(parts)}")
    more = len(named) - NAMED_UNITS
    return "; ".join(named[:NAMED_UNITS]) + (f" và {_n(more)} đơn vị khác" if more > 0 else "")


def _lower_first(text: str) -> str:
    """ "Cấp tỉnh" → "cấp tỉnh" inside a sentence (a proper name after it keeps its capital)."""
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    """ "báo cáo phải nộp" → "Báo cáo phải nộp": every row of a table opens with a capital."""
    return text[:1].upper() + text[1:]


def _causes() -> list[str]:
    return [
        "Nguyên nhân khách quan: địa bàn biên giới rộng, địa hình chia cắt, thời tiết diễn biến "
        "phức tạp; tình hình khu vực biên giới còn tiềm ẩn yếu tố phức tạp.",
        "Nguyên nhân chủ quan: sự phối hợp giữa một số cơ quan, đơn vị có lúc chưa chặt chẽ; "
        "chế độ thông tin, báo cáo ở một số nơi chưa kịp thời.",
    ]


def _directions(s: Statistics, unit: Any, period: Period) -> list[str]:
    lines = [
        f"Trong {next_period_label(period)}, tiếp tục quản lý, bảo vệ nguyên trạng đường biên "
        f"giới, mốc quốc giới; tăng cường nắm tình hình, tổ chức tuần tra, kiểm soát; kịp thời "
        f"phát hiện, xử lý dứt điểm các vụ việc xảy ra trên biên giới ngay ở cấp cơ sở."
    ]
    tasks = open_tasks(unit, s.end)
    # the notices' tasks under their notice, in the notices' order; the others after them under
    # a heading of their own (a task listed under nothing read as one of the standing lines)
    given = [t for t in tasks if t.notice]
    others = [t for t in tasks if not t.notice]
    notice = None
    for task in given:
        if task.notice != notice:
            lines.append(f"Thực hiện các nhiệm vụ theo {task.notice}:")
            notice = task.notice
        lines.append(f"- {task.title} ({task.unit} chủ trì, hạn {task.deadline:{DAY}}).")
    if others:
        lines.append("Các nhiệm vụ khác:" if given else "Thực hiện các nhiệm vụ được giao:")
        lines += [f"- {t.title} ({t.unit} chủ trì, hạn {t.deadline:{DAY}})." for t in others]
    lines.append(
        "Tiếp tục đẩy mạnh công tác tuyên truyền, phổ biến pháp luật về biên giới quốc gia; nhân "
        "rộng các mô hình tự quản bảo vệ đường biên, mốc quốc giới, bến bãi; duy trì quan hệ kết "
        "nghĩa giữa các cụm dân cư hai bên biên giới."
    )
    return lines


def _proposals() -> list[str]:
    return [
        "Đề nghị Ủy ban Biên giới quốc gia, các bộ, ngành Trung ương tiếp tục quan tâm hướng "
        "dẫn, hỗ trợ kinh phí tu bổ, sửa chữa mốc quốc giới; có chính sách hỗ trợ kinh phí cho "
        "các tổ tự quản đường biên, mốc quốc giới.",
        "Đề nghị UBND tỉnh bố trí kinh phí hoạt động của Ban Chỉ đạo và chỉ đạo các sở, ngành "
        "thực hiện nghiêm chế độ thông tin, báo cáo.",
    ]


def next_period_label(period: Period) -> str:
    """The period the directions are for: "năm 2026", "6 tháng cuối năm 2025", ..."""
    year = period.start.year
    if period.kind == PeriodKind.YEAR:
        return Period.year(year + 1).label
    if period.kind == PeriodKind.HALF:
        return (Period.half(year, 2) if period.part == 1 else Period.half(year + 1, 1)).label
    if period.kind == PeriodKind.QUARTER:
        if period.part < 4:
            return Period.quarter(year, period.part + 1).label
        return Period.quarter(year + 1, 1).label
    return "thời gian tới"


def draft(statistics: Statistics, *, unit: Any, period: Period) -> dict[str, str]:
    """The narrative drafted from the figures: one text per key of `KEYS` (each line a
    paragraph). `results.compliance` is drafted only when the statistics hold compliance."""
    when = _when(period)
    s = statistics
    parts: dict[str, list[str]] = {
        "situation": _situation(s, unit.name, period),
        "results.leadership": _leadership(s, when),
        "results.propaganda": _propaganda(s, when),
        "results.patrols": _patrols(s, when),
        "results.incidents": _incidents(s, when),
        "results.security": _security(s, when),
        "results.gates": _gates(s, when),
        "results.foreign": _foreign(s, when),
        "results.movement": _movement(s, when),
        "results.programmes": _programmes(s, when),
        "results.compliance": _compliance(s, when),
        "strengths": _strengths(s),
        "shortcomings": _shortcomings(s, unit),
        "causes": _causes(),
        "directions": _directions(s, unit, period),
        "proposals": _proposals(),
    }
    return {key: "\n".join(parts[key]) for key in KEYS if parts[key]}


# ----------------------------------------------------------------------------- the metadata


@dataclass(frozen=True)
class Meta:
    """What the document says about itself; `default_meta` fills it from the scope unit and
    the province, the secretariat edits it."""

    governing_body: str
    issuing_body: str
    issuer_name: str
    symbol: str
    place: str
    day: date
    summary: str
    signer_capacity: Sequence[str] = ()
    signer_title: str = ""
    signer_name: str = ""
    copies_to: Sequence[str] = ()
    number: int | None = None
    bases: Sequence[str] = field(default_factory=tuple)


def _province_of(unit: Any) -> Any:
    from biengioi.core.scope import root_id
    from biengioi.registry.models import OrgUnit

    return OrgUnit.objects.get(pk=root_id(unit.path))


def committee_of(unit: Any) -> Any:
    """The province's steering committee (the unit of that kind right under its root)."""
    from biengioi.registry.models import OrgUnit, UnitKind

    province = _province_of(unit)
    return (
        OrgUnit.objects.filter(parent=province, kind=UnitKind.STEERING_COMMITTEE)
        .order_by("pk")
        .first()
    )


def _place(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố ", "tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def summary_for(period: Period) -> str:
    nxt = next_period_label(period)
    return (
        f"Kết quả công tác biên giới {period.label}; phương hướng, nhiệm vụ {nxt}"
        if nxt != "thời gian tới"
        else f"Kết quả công tác biên giới {period.label}; phương hướng, nhiệm vụ thời gian tới"
    )


def default_meta(unit: Any, period: Period, day: date) -> Meta:
    """The heading, symbol, place, signature and copies a report of `unit` starts with: for the
    province (its root unit), the steering committee issues it under the province's People's
    Committee and its head signs; for another unit, the unit issues it under its parent."""
    from biengioi.registry.models import CommitteeMember, CommitteeRole

    province = _province_of(unit)
    committee = committee_of(unit) if unit.pk == province.pk else None
    place = _place(province.name)
    if committee is not None:
        head = (
            CommitteeMember.objects.filter(committee=committee, role=CommitteeRole.HEAD)
            .filter(term_from__lte=day)
            .exclude(term_to__lt=day)
            .order_by("-term_from")
            .first()
        )
        return Meta(
            governing_body=f"UBND {province.name}".upper(),
            issuing_body=committee.name.upper(),
            issuer_name=committee.name,
            symbol="BC-BCĐ",
            place=place,
            day=day,
            summary=summary_for(period),
            signer_capacity=("TM. Ban Chỉ đạo",),
            signer_title="Trưởng ban",
            signer_name=head.person if head else "",
            copies_to=(
                "Ủy ban Biên giới quốc gia - Bộ Ngoại giao",
                "Thường trực Tỉnh ủy, HĐND tỉnh",
                "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
                "Các thành viên Ban Chỉ đạo",
                "Lưu: VT, BCĐ",
            ),
        )
    parent = unit.parent.name.upper() if unit.parent_id else ""
    return Meta(
        governing_body=parent,
        issuing_body=unit.name.upper(),
        issuer_name=unit.name,
        symbol="BC",
        place=place,
        day=day,
        summary=summary_for(period),
        signer_capacity=(),
        signer_title="Thủ trưởng đơn vị",
        signer_name="",
        copies_to=("Ban Chỉ đạo công tác biên giới tỉnh", "Lưu: VT"),
    )


# ----------------------------------------------------------------------- the tables

# per section: figure name → (row label, number format); the order is the table's
ROWS: dict[str, list[tuple[str, str, str]]] = {
    "registry": [
        ("km", gettext_noop("Chiều dài đường biên giới (km)"), decimal(3)),
        ("markers", gettext_noop("Mốc quốc giới"), INTEGER),
        ("signs", gettext_noop("Biển báo"), INTEGER),
        ("gates", gettext_noop("Cửa khẩu"), INTEGER),
        ("gates_open", gettext_noop("Cửa khẩu đang mở"), INTEGER),
        ("border_communes", gettext_noop("Xã, phường biên giới"), INTEGER),
    ],
    "patrols": [
        ("patrols", gettext_noop("Số đợt tuần tra"), INTEGER),
        ("km", gettext_noop("Chiều dài tuần tra (km)"), decimal(1)),
        ("border_guards", gettext_noop("Lượt cán bộ, chiến sĩ Biên phòng"), INTEGER),
        ("participants", gettext_noop("Lượt người tham gia"), INTEGER),
        ("inspections", gettext_noop("Lượt kiểm tra mốc"), INTEGER),
        ("markers", gettext_noop("Mốc quốc giới được kiểm tra"), INTEGER),
        ("not_inspected", gettext_noop("Mốc quốc giới chưa được kiểm tra"), INTEGER),
        ("damaged", gettext_noop("Lượt mốc hư hỏng"), INTEGER),
        ("displaced", gettext_noop("Lượt mốc xê dịch"), INTEGER),
        ("landslide", gettext_noop("Lượt mốc sạt lở"), INTEGER),
        ("lost", gettext_noop("Lượt mốc bị mất"), INTEGER),
        ("cleared", gettext_noop("Lượt phát quang mốc"), INTEGER),
    ],
    "incidents": [
        ("arisen", gettext_noop("Vụ việc phát sinh"), INTEGER),
        ("resolved", gettext_noop("Vụ việc đã giải quyết"), INTEGER),
        ("outstanding", gettext_noop("Vụ việc đang giải quyết (cuối kỳ)"), INTEGER),
        ("overdue", gettext_noop("Vụ việc quá hạn xử lý (cuối kỳ)"), INTEGER),
    ],
    "crime": [
        ("cases", gettext_noop("Số vụ"), INTEGER),
        ("persons", gettext_noop("Số đối tượng"), INTEGER),
        ("prosecuted", gettext_noop("Khởi tố"), INTEGER),
        ("sanctioned", gettext_noop("Xử phạt vi phạm hành chính"), INTEGER),
        ("transferred", gettext_noop("Chuyển cơ quan chức năng"), INTEGER),
        ("pending", gettext_noop("Đang xử lý"), INTEGER),
        ("fines_vnd", gettext_noop("Tiền phạt (đồng)"), INTEGER),
        ("seized_value_vnd", gettext_noop("Trị giá tang vật (đồng)"), INTEGER),
        ("wanted", gettext_noop("Đối tượng truy nã"), INTEGER),
        ("foreigners", gettext_noop("Đối tượng người nước ngoài"), INTEGER),
    ],
    "handovers": [
        ("operations", gettext_noop("Số đợt"), INTEGER),
        ("persons", gettext_noop("Số người"), INTEGER),
        ("males", gettext_noop("Nam"), INTEGER),
        ("females", gettext_noop("Nữ"), INTEGER),
        ("children", gettext_noop("Trẻ em"), INTEGER),
        ("wanted", gettext_noop("Đối tượng truy nã"), INTEGER),
    ],
    "rescues": [
        ("operations", gettext_noop("Số đợt cứu hộ, cứu nạn"), INTEGER),
        ("forces", gettext_noop("Lượt người tham gia"), INTEGER),
        ("vehicles", gettext_noop("Lượt phương tiện"), INTEGER),
        ("rescued", gettext_noop("Số người được cứu"), INTEGER),
        ("evacuated", gettext_noop("Số người được sơ tán"), INTEGER),
        ("deaths", gettext_noop("Số người chết"), INTEGER),
        ("missing", gettext_noop("Số người mất tích"), INTEGER),
    ],
    "gate_traffic": [
        ("persons_out", gettext_noop("Lượt người xuất cảnh"), INTEGER),
        ("persons_in", gettext_noop("Lượt người nhập cảnh"), INTEGER),
        ("vehicles_out", gettext_noop("Lượt phương tiện xuất cảnh"), INTEGER),
        ("vehicles_in", gettext_noop("Lượt phương tiện nhập cảnh"), INTEGER),
        ("export_tonnes", gettext_noop("Hàng xuất khẩu (tấn)"), decimal(3)),
        ("import_tonnes", gettext_noop("Hàng nhập khẩu (tấn)"), decimal(3)),
        ("export_value_usd", gettext_noop("Kim ngạch xuất khẩu (USD)"), decimal(2)),
        ("import_value_usd", gettext_noop("Kim ngạch nhập khẩu (USD)"), decimal(2)),
    ],
    "propaganda": [
        ("sessions", gettext_noop("Số buổi tuyên truyền"), INTEGER),
        ("listeners", gettext_noop("Lượt người nghe"), INTEGER),
        ("leaflets", gettext_noop("Tờ rơi"), INTEGER),
        ("calendars", gettext_noop("Lịch"), INTEGER),
        ("handbooks", gettext_noop("Sổ tay, tài liệu"), INTEGER),
    ],
    "training": [
        ("courses", gettext_noop("Số lớp tập huấn, bồi dưỡng"), INTEGER),
        ("participants", gettext_noop("Lượt người tham dự"), INTEGER),
        ("people_trained", gettext_noop("Số người được bồi dưỡng"), INTEGER),
        ("teams", gettext_noop("Số tổ tự quản được tập huấn"), INTEGER),
    ],
    "teams": [
        ("teams", gettext_noop("Số tổ tự quản"), INTEGER),
        ("founded", gettext_noop("Thành lập mới trong kỳ"), INTEGER),
        ("members", gettext_noop("Thành viên"), INTEGER),
        ("collectives", gettext_noop("Tập thể"), INTEGER),
        ("households", gettext_noop("Hộ gia đình"), INTEGER),
        ("individuals", gettext_noop("Cá nhân"), INTEGER),
        ("markers", gettext_noop("Mốc quốc giới tự quản"), INTEGER),
        ("km", gettext_noop("Đường biên tự quản (km)"), decimal(3)),
        ("vessels", gettext_noop("Tàu thuyền"), INTEGER),
    ],
    "twinning": [
        ("pairs", gettext_noop("Cặp kết nghĩa (cuối kỳ)"), INTEGER),
        ("signed", gettext_noop("Ký kết mới trong kỳ"), INTEGER),
        ("meetings", gettext_noop("Buổi giao ban kết nghĩa"), INTEGER),
        ("activities", gettext_noop("Hoạt động giao lưu, hợp tác"), INTEGER),
    ],
    "programmes": [
        ("beneficiaries", gettext_noop("Người được hỗ trợ (cuối kỳ)"), INTEGER),
        ("taken_on", gettext_noop("Nhận hỗ trợ mới trong kỳ"), INTEGER),
        ("monthly_vnd", gettext_noop("Mức hỗ trợ hằng tháng (đồng)"), INTEGER),
        ("activities", gettext_noop("Hoạt động"), INTEGER),
        ("people_served", gettext_noop("Lượt người được phục vụ"), INTEGER),
        ("spent_vnd", gettext_noop("Kinh phí (đồng)"), INTEGER),
    ],
    "awards": [
        ("awards", gettext_noop("Số quyết định khen thưởng"), INTEGER),
        ("collectives", gettext_noop("Tập thể"), INTEGER),
        ("individuals", gettext_noop("Cá nhân"), INTEGER),
        ("amount_vnd", gettext_noop("Tiền thưởng (đồng)"), INTEGER),
    ],
    "conferences": [("conferences", gettext_noop("Số hội nghị"), INTEGER)],
    "tasks": [
        ("due", gettext_noop("Nhiệm vụ đến hạn trong kỳ"), INTEGER),
        ("done", gettext_noop("Nhiệm vụ hoàn thành trong kỳ"), INTEGER),
        ("done_on_time", gettext_noop("Hoàn thành đúng hạn"), INTEGER),
        ("on_time_percent", gettext_noop("Tỷ lệ đúng hạn (%)"), RATE),
        ("overdue", gettext_noop("Nhiệm vụ quá hạn (cuối kỳ)"), INTEGER),
    ],
}
TABLE_TITLES: dict[str, str] = {
    "registry": gettext_noop("Đường biên giới, mốc quốc giới, cửa khẩu"),
    "patrols": gettext_noop("Kết quả tuần tra, kiểm soát"),
    "incidents": gettext_noop("Vụ việc trên biên giới"),
    "crime": gettext_noop("Phòng, chống tội phạm"),
    "handovers": gettext_noop("Tiếp nhận, trao trả"),
    "rescues": gettext_noop("Cứu hộ, cứu nạn"),
    "gate_traffic": gettext_noop("Cửa khẩu, xuất nhập cảnh, xuất nhập khẩu"),
    "propaganda": gettext_noop("Tuyên truyền, phổ biến, giáo dục pháp luật"),
    "training": gettext_noop("Tập huấn, bồi dưỡng"),
    "teams": gettext_noop("Tổ tự quản (Chỉ thị 01/CT-TTg)"),
    "twinning": gettext_noop("Kết nghĩa"),
    "programmes": gettext_noop("Các chương trình an sinh"),
    "awards": gettext_noop("Thi đua, khen thưởng"),
    "conferences": gettext_noop("Hội nghị"),
    "tasks": gettext_noop("Thực hiện nhiệm vụ được giao"),
    "compliance": gettext_noop("Chế độ thông tin, báo cáo"),
}
# the sheets' names in the annex (Excel takes at most 31 characters)
SHEETS: dict[str, str] = {
    "registry": "Đường biên, mốc, cửa khẩu",
    "patrols": "Tuần tra, kiểm soát",
    "incidents": "Vụ việc trên biên giới",
    "crime": "Phòng, chống tội phạm",
    "handovers": "Tiếp nhận, trao trả",
    "rescues": "Cứu hộ, cứu nạn",
    "gate_traffic": "Cửa khẩu, xuất nhập cảnh",
    "propaganda": "Tuyên truyền",
    "training": "Tập huấn, bồi dưỡng",
    "teams": "Tổ tự quản",
    "twinning": "Kết nghĩa",
    "programmes": "Chương trình an sinh",
    "awards": "Thi đua, khen thưởng",
    "conferences": "Hội nghị",
    "tasks": "Nhiệm vụ",
    "compliance": "Chế độ báo cáo",
}
# the breakdown shown under each table's totals, with the figure it shows
BREAKDOWN: dict[str, tuple[str, str]] = {
    "patrols": ("kind", "patrols"),
    "incidents": ("kind", "arisen"),
    "crime": ("category", "cases"),
    "handovers": ("kind", "persons"),
    "propaganda": ("form", "sessions"),
    "teams": ("kind", "teams"),
    "twinning": ("kind", "pairs"),
    "programmes": ("kind", "beneficiaries"),
    "awards": ("kind", "awards"),
    "conferences": ("kind", "conferences"),
}
SECTIONS = list(TABLE_TITLES)


# Rows whose label the interface already uses as a msgid in another sense ("Hoạt động" is an
# organisation's status there, "Số vụ" the rescues' count of operations): the pages and the API
# show these words instead, of the same meaning, that translate on their own.
SHOWN: dict[tuple[str, str], str] = {
    ("crime", "cases"): gettext_noop("Số vụ vi phạm pháp luật"),
    ("programmes", "activities"): gettext_noop("Số hoạt động"),
    ("awards", "awards"): gettext_noop("Số lượng quyết định khen thưởng"),
    ("compliance", "submitted"): gettext_noop("Báo cáo đã nộp (đúng hạn và chậm)"),
}


def _translated(text: str) -> str:
    """A Vietnamese label in the interface's language: its msgstr, or itself when it has none
    (a commune's or a unit's name; a choice label stored before its wording changed)."""
    return gettext(text) if text else text


def _rows(key: str, section: StatSection, *, shown: bool = False) -> list[tuple[str, Figure, str]]:
    """(label, figure, number format) of each row of a section's table: as the document prints
    them (Vietnamese), or `shown` as the pages and the API show them, in the interface's
    language (the row's name and the breakdown's stored choice label through gettext)."""
    if key == "compliance":
        names = [
            (n, _label(COMPLIANCE_NAMES, n), RATE if n.endswith("_percent") else INTEGER)
            for n in section.total
        ]
    else:
        names = ROWS[key]

    def say(name: str, label: str) -> str:
        return _translated(SHOWN.get((key, name), label)) if shown else label

    rows = [
        (_capital(say(name, lbl)), section.total[name], fmt)
        for name, lbl, fmt in names
        if name in section.total
    ]
    if key in BREAKDOWN:
        by, name = BREAKDOWN[key]
        labels = section.labels.get(by, {})
        what = say(name, {n: lbl for n, lbl, _f in ROWS.get(key, [])}.get(name, name))
        for code, figures in section.by.get(by, {}).items():
            figure = figures.get(name)
            if figure is not None and (figure.value or figure.previous):
                label = labels.get(code, code)
                label = _translated(label) if shown else label
                rows.append((f"– {_capital(what)}: {_capital(label)}", figure, INTEGER))
    return rows


def has_compliance(statistics: Statistics) -> bool:
    """Whether the statistics hold reporting duties: a compliance section with a figure in
    either period (a scope no regulation set a duty on says nothing of them)."""
    c = statistics.compliance
    return c is not None and any(f.value or f.previous for f in c.total.values())


def sections_of(statistics: Statistics) -> list[tuple[str, StatSection]]:
    """(key, section) of every section the statistics hold, compliance only when present."""
    out = []
    for key in SECTIONS:
        section = getattr(statistics, key)
        if section is not None and (key != "compliance" or has_compliance(statistics)):
            out.append((key, section))
    return out


def _percent(figure: Figure) -> Decimal | None:
    percent = figure.percent
    return None if percent is None else percent / 100


# The statistics are the report's one appendix (build_document), "Phụ lục I"; the annex's sheets
# are its tables, numbered as the DOCX numbers them ("Bảng 2. Kết quả tuần tra, kiểm soát").
APPENDIX = "Phụ lục I"


def table_caption(number: int, key: str) -> str:
    """ "Bảng 2. Kết quả tuần tra, kiểm soát": the same in the DOCX and on the annex's sheet."""
    return f"Bảng {number}. {TABLE_TITLES[key]}"


def annex_reference(meta: Meta) -> str:
    """The line tying each sheet of the annex to its report: the DOCX appendix's "(Kèm theo Báo
    cáo số 05/BC-BCĐ ngày 05/01/2026 của ...)"; a draft, which has neither number nor date yet,
    says it is one: "(Kèm theo Dự thảo báo cáo số …/BC-BCĐ của ..., lập ngày 07/12/2026)"."""
    issuer = meta.issuer_name or meta.issuing_body.capitalize()
    if meta.number is None:
        return (
            f"(Kèm theo Dự thảo báo cáo số …/{meta.symbol} của {issuer}, lập ngày {meta.day:{DAY}})"
        )
    return reference_text(
        kind="Báo cáo", number=meta.number, symbol=meta.symbol, day=meta.day, issuer=issuer
    )


def _change_text(figure: Figure, fmt: str) -> str:
    """ "+12", "-3", "0"; a rate's change in percentage points: "+12,5 điểm %"."""
    text = ("+" if figure.change > 0 else "") + vn_number(figure.change, places(fmt))
    return f"{text} điểm %" if fmt == RATE and figure.change else text


def column_titles(statistics: Statistics) -> tuple[str, str, str, str, str]:
    """The columns of every statistics table, the same in the DOCX and on the annex's sheets:
    "Chỉ tiêu", "Năm 2025", "Cùng kỳ (năm 2024)", "Tăng (+), giảm (-)", "Tỷ lệ tăng, giảm";
    for figures computed before the period ended, "Năm 2026 (đến 24/11/2026)" and "Cùng kỳ
    (đến 24/11/2025)"."""
    heading = statistics.period.label.capitalize()
    compared = f"Cùng kỳ ({statistics.previous.label})"
    if statistics.as_of:
        heading += f" (đến {statistics.as_of:{DAY}})"
        compared = f"Cùng kỳ (đến {shift_year(statistics.as_of, -1):{DAY}})"
    return "Chỉ tiêu", heading, compared, "Tăng (+), giảm (-)", "Tỷ lệ tăng, giảm"


def annex_tables(statistics: Statistics, meta: Meta | None = None) -> list[AnnexTable]:
    """One sheet per table of the appendix: each figure this period, the same period before,
    the change (signed) and the change in percent; each row in its figure's precision (counts
    as integers, km and tonnes to their field's decimals, a rate in % with its change in
    points and no percent of a percent). Every sheet names the report it belongs to (`meta`;
    without it, the scope)."""
    titles = column_titles(statistics)
    columns = (
        AnnexColumn(titles[0], width=52),
        AnnexColumn(titles[1], width=16, number_format=INTEGER),
        AnnexColumn(titles[2], width=16, number_format=INTEGER),
        AnnexColumn(titles[3], width=16, number_format=signed(INTEGER)),
        AnnexColumn(titles[4], width=14, number_format=CHANGE_PERCENT),
    )
    reference = annex_reference(meta) if meta is not None else statistics.scope_name
    tables = []
    with translation.override("vi"):
        for number, (key, section) in enumerate(sections_of(statistics), start=1):
            rows, formats = [], []
            for label, figure, fmt in _shown_rows(key, section):
                rate = fmt == RATE
                percent = None if rate else _percent(figure)
                rows.append((label, figure.value, figure.previous, figure.change, percent))
                formats.append((None, fmt, fmt, signed(fmt), None))
            tables.append(
                AnnexTable(
                    label=APPENDIX,
                    title=_appendix_title(statistics),
                    subtitle=reference,
                    caption=table_caption(number, key),
                    columns=columns,
                    rows=rows,
                    formats=formats,
                    sheet=f"{number}. {SHEETS[key]}",
                    landscape=True,
                    empty=NOTHING,
                )
            )
    return tables


# what a table says when every figure of it is zero in both periods, instead of a grid of zeros
NOTHING = "Không phát sinh."


def _shown_rows(key: str, section: StatSection) -> list[tuple[str, Figure, str]]:
    """The rows a table of the document and of the annex prints: none when every figure is
    zero this period and the same period before (the table then says `NOTHING`, in the DOCX
    and on its sheet alike, and keeps its number)."""
    rows = _rows(key, section)
    if all(not figure.value and not figure.previous for _label, figure, _fmt in rows):
        return []
    return rows


def _doc_table(number: int, key: str, section: StatSection, statistics: Statistics) -> Table:
    titles = column_titles(statistics)
    rows = []
    for label, figure, fmt in _shown_rows(key, section):
        percent = None if fmt == RATE else figure.percent
        rows.append(
            (
                label,
                vn_number(figure.value, places(fmt)),
                vn_number(figure.previous, places(fmt)),
                _change_text(figure, fmt),
                "" if percent is None else ("+" if percent > 0 else "") + vn_percent(percent),
            )
        )
    return Table(
        title=table_caption(number, key),
        columns=(
            Column(titles[0]),
            *(Column(title, numeric=True) for title in titles[1:]),
        ),
        rows=rows,
        empty=NOTHING,
    )


# ----------------------------------------------------------------------------- the document


def _appendix_title(statistics: Statistics) -> str:
    """ "Số liệu thống kê năm 2025", with "(tính đến ngày 24/11/2026)" for a period still
    running when its figures were computed."""
    title = f"Số liệu thống kê {statistics.period.label}"
    if statistics.as_of:
        title += f" (tính đến ngày {statistics.as_of:{DAY}})"
    return title


def _blocks(narrative: dict[str, str], key: str) -> list[Paragraph]:
    return [Paragraph(p) for p in paragraphs(narrative.get(key, ""))]


def build_document(statistics: Statistics, narrative: dict[str, str], meta: Meta) -> Report:
    """The report: sections I–V from the narrative (an item whose text is empty is left out),
    the statistics tables as its appendix."""
    results = [
        SubSection(title, _blocks(narrative, key))
        for key, title in RESULTS
        if paragraphs(narrative.get(key, ""))
        and (key != "results.compliance" or has_compliance(statistics))
    ]
    sections = [
        Section("Đặc điểm tình hình", _blocks(narrative, "situation")),
        Section("Kết quả thực hiện", subsections=results),
        Section(
            "Đánh giá chung",
            subsections=[
                SubSection(title, _blocks(narrative, key))
                for key, title in ASSESSMENT
                if paragraphs(narrative.get(key, ""))
            ],
        ),
        Section(f"Phương hướng, nhiệm vụ {next_period_label(statistics.period)}",
                _blocks(narrative, "directions")),
        Section("Đề xuất, kiến nghị", _blocks(narrative, "proposals")),
    ]  # fmt: skip
    with translation.override("vi"):
        tables = [
            _doc_table(n, k, s, statistics)
            for n, (k, s) in enumerate(sections_of(statistics), start=1)
        ]
    report = Report(
        governing_body=meta.governing_body,
        issuing_body=meta.issuing_body,
        issuer_name=meta.issuer_name,
        symbol=meta.symbol,
        number=meta.number,
        place=meta.place,
        day=meta.day,
        summary=meta.summary,
        signature=Signature(
            title=meta.signer_title, name=meta.signer_name, capacity=tuple(meta.signer_capacity)
        ),
        bases=tuple(meta.bases),
        sections=sections,
        copies_to=tuple(meta.copies_to),
        appendices=[Appendix(_appendix_title(statistics), tables)],
    )
    return report


def with_number(meta: Meta, number: int | None, day: date) -> Meta:
    return replace(meta, number=number, day=day)


# the headline of the report's page: the first row of these tables, with its comparison
KEY_TABLES = ("patrols", "incidents", "crime", "propaganda", "tasks")


def key_figures(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures a reader looks for first, from the tables `preview` made: the first row of
    each of KEY_TABLES that the report holds, titled by its table."""
    return [
        {**table["rows"][0], "title": table["title"]}
        for key in KEY_TABLES
        for table in tables
        if table["key"] == key and table["rows"]
    ]


def preview(statistics: Statistics) -> list[dict[str, Any]]:
    """The figures of each section as the pages and the API show them, in the interface's
    language (the document stays Vietnamese): the table's title and its rows (label, value,
    previous, change, change in percent or None)."""
    out = []
    for key, section in sections_of(statistics):
        rows = [
            {
                "label": label,
                "value": figure.value,
                "previous": figure.previous,
                "change": figure.change,
                "percent": figure.percent,
                "decimal": fmt != INTEGER,
            }
            for label, figure, fmt in _rows(key, section, shown=True)
        ]
        out.append({"key": key, "title": gettext(TABLE_TITLES[key]), "rows": rows})
    return out
