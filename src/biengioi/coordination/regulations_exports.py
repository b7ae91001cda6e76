"""The columns of the regulation list and of the compliance table as files (the writers are in
`core.tables`): the table per unit (the share on time) and per period (each status)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"

REGULATIONS = [
    Column(_("Số văn bản"), 18, lambda r: r.number),
    Column(_("Ngày ký"), 12, lambda r: r.signed_on, DAY),
    Column(_("Tên quy chế"), 50, lambda r: r.title),
    Column(_("Hiệu lực từ ngày"), 12, lambda r: r.valid_from, DAY),
    Column(_("Hiệu lực đến ngày"), 12, lambda r: r.valid_to, DAY),
    Column(_("Các bên"), 50, lambda r: "; ".join(sorted(u.name for u in r.parties.all()))),
    Column(_("Số nhiệm vụ"), 10, lambda r: getattr(r, "duty_count", None)),
    Column(_("Ghi chú"), 40, lambda r: r.note),
]

COMPLIANCE_UNITS = [
    Column(_("Đơn vị"), 40, lambda u: u.unit.name),
    Column(_("Số kỳ đến hạn"), 10, lambda u: u.counted),
    Column(_("Đúng hạn"), 10, lambda u: u.on_time),
    Column(_("Chậm"), 10, lambda u: u.late),
    Column(_("Chưa nộp"), 10, lambda u: u.missing),
    Column(_("Chưa đến hạn"), 10, lambda u: u.not_due),
    Column(
        _("Tỷ lệ đúng hạn"),
        12,
        lambda u: None if u.share_on_time is None else round(u.share_on_time, 4),
        "0.0%",
    ),
]

COMPLIANCE_CELLS = [
    Column(_("Đơn vị"), 40, lambda c: c.duty.owner.name),
    Column(_("Nhiệm vụ báo cáo"), 50, lambda c: c.duty.title),
    Column(_("Định kỳ"), 12, lambda c: c.duty.get_rhythm_display()),
    Column(_("Kỳ từ ngày"), 12, lambda c: c.period.start, DAY),
    Column(_("Kỳ đến ngày"), 12, lambda c: c.period.end, DAY),
    Column(_("Hạn nộp"), 12, lambda c: c.period.due_on, DAY),
    Column(_("Ngày nộp"), 12, lambda c: c.submission.submitted_on if c.submission else None, DAY),
    Column(_("Tình trạng"), 16, lambda c: c.label),
    Column(_("Số ngày chậm"), 10, lambda c: c.late_days or None),
    Column(_("Văn bản, tệp báo cáo"), 30, lambda c: c.submission.reference if c.submission else ""),
]
