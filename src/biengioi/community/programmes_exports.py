"""The columns of the beneficiary and activity lists as files (the writers are in
`core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"
BENEFICIARIES = [
    Column(_("Họ và tên"), 28, lambda b: b.full_name),
    Column(_("Năm sinh"), 8, lambda b: b.birth_year),
    Column(_("Chương trình"), 30, lambda b: b.programme.name),
    Column(_("Đơn vị đỡ đầu"), 28, lambda b: b.unit.name),
    Column(_("Nơi ở"), 30, lambda b: b.where),
    Column(_("Mức hỗ trợ hằng tháng (đồng)"), 14, lambda b: b.monthly_vnd),
    Column(_("Từ ngày"), 12, lambda b: b.since, DAY),
    Column(_("Đến ngày"), 12, lambda b: b.until, DAY),
    Column(_("Lý do kết thúc"), 20, lambda b: b.get_end_reason_display()),
    Column(_("Ghi chú"), 30, lambda b: b.note),
]
ACTIVITIES = [
    Column(_("Ngày"), 12, lambda a: a.on, DAY),
    Column(_("Chương trình"), 30, lambda a: a.programme.name),
    Column(_("Đơn vị thực hiện"), 28, lambda a: a.unit.name),
    Column(_("Xã, phường"), 20, lambda a: a.commune.name if a.commune else ""),
    Column(_("Địa điểm"), 24, lambda a: a.place),
    Column(_("Số người được phục vụ"), 10, lambda a: a.people_served),
    Column(_("Kinh phí (đồng)"), 14, lambda a: a.spent_vnd),
    Column(_("Nội dung"), 50, lambda a: a.content),
]
