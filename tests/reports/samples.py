"""A report built in the tests: Vietnamese with every diacritic, a table of figures written the
Vietnamese way ("21.790"), enough text to run onto several pages, and two appendices."""

from datetime import date

from biengioi.reports.document import (
    Appendix,
    Column,
    Paragraph,
    Point,
    Report,
    Section,
    Signature,
    SubSection,
    Table,
)

PATROLS = Table(
    title="Bảng 1. Kết quả tuần tra, kiểm soát",
    unit="Đơn vị tính: đợt, lượt người",
    columns=(
        Column("Hình thức", width=None),
        Column("Số đợt", numeric=True),
        Column("Lượt cán bộ, chiến sĩ", numeric=True),
        Column("Cùng kỳ năm trước", numeric=True),
        Column("Tăng, giảm", numeric=True),
    ),
    rows=(
        ("Tuần tra đơn phương", "81", "1.215", "76", "+6,6%"),
        ("Tuần tra song phương", "27", "432", "30", "-10,0%"),
    ),
    total=("Cộng", "108", "1.647", "106", "+1,9%"),
    note="Số liệu tính đến ngày 15 tháng 12 năm 2025.",
)

PROPAGANDA = Table(
    columns=(
        Column("Nội dung"),
        Column("Số buổi", numeric=True),
        Column("Lượt người nghe", numeric=True),
    ),
    rows=(("Tuyên truyền pháp luật về biên giới quốc gia", "562", "21.790"),),
)

# every Vietnamese vowel with every tone, and đ
DIACRITICS = "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đĐ"

LONG = (
    "Các lực lượng chức năng phối hợp chặt chẽ với chính quyền địa phương, duy trì nghiêm chế độ "
    "tuần tra, kiểm soát; quản lý, bảo vệ nguyên trạng hệ thống đường biên giới, mốc quốc giới, "
    "các biển báo vành đai biên giới, khu vực biên giới và khu vực cửa khẩu trên địa bàn tỉnh."
)


def sample_report(
    *, number: int | None = 5, day: date = date(2026, 1, 5), pages: int = 3
) -> Report:
    filler = tuple(Paragraph(LONG) for _ in range(6 * pages))
    return Report(
        governing_body="UBND tỉnh Biên Thùy",
        issuing_body="Ban Chỉ đạo công tác biên giới",
        issuer_name="Ban Chỉ đạo công tác biên giới tỉnh Biên Thùy",
        symbol="BC-BCĐ",
        number=number,
        place="Biên Thùy",
        day=day,
        summary="Kết quả công tác biên giới năm 2025; phương hướng, nhiệm vụ năm 2026",
        recipients=("Ban Chỉ đạo công tác biên giới Trung ương",),
        sections=(
            Section(
                "Đặc điểm tình hình",
                blocks=(Paragraph(f"Tuyến biên giới dài 1.449,566 km; {DIACRITICS}."),),
            ),
            Section(
                "Kết quả thực hiện",
                subsections=(
                    SubSection(
                        "Quản lý, bảo vệ đường biên giới, mốc quốc giới",
                        blocks=(Paragraph("Tổ chức 81 đợt tuần tra đơn phương."), PATROLS),
                    ),
                    SubSection(
                        "Tuyên truyền, phổ biến, giáo dục pháp luật",
                        blocks=(
                            Paragraph("Tổ chức 562 buổi tuyên truyền với 21.790 lượt người nghe."),
                            PROPAGANDA,
                            *filler,
                        ),
                    ),
                ),
            ),
            Section(
                "Đánh giá chung",
                subsections=(
                    SubSection(
                        "Ưu điểm và hạn chế",
                        points=(
                            Point("Ưu điểm", (Paragraph("Phối hợp chặt chẽ, kịp thời."),)),
                            Point("Tồn tại, hạn chế", (Paragraph("Một số đồn báo cáo chậm."),)),
                        ),
                    ),
                ),
            ),
            Section("Phương hướng, nhiệm vụ năm 2026", blocks=(Paragraph(LONG),)),
            Section(
                "Đề xuất, kiến nghị", blocks=(Paragraph("Hỗ trợ kinh phí cho các tổ tự quản."),)
            ),
        ),
        copies_to=(
            "Như trên",
            "Thường trực Tỉnh ủy;",
            "- Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Thành viên Ban Chỉ đạo",
            "Lưu: VT, BCĐ.",
        ),
        signature=Signature(
            capacity=("TM. Ban Chỉ đạo", "KT. Trưởng ban"),
            title="Phó Trưởng ban",
            name="Nguyễn Văn Hưng",
        ),
        appendices=(
            Appendix("Kết quả tuần tra, kiểm soát năm 2025", (PATROLS,)),
            Appendix("Kết quả tuyên truyền năm 2025", (PROPAGANDA,)),
        ),
    )
