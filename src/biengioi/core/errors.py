"""One error type for every broken domain rule; its message comes from its code through gettext."""

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class Code(StrEnum):
    REQUIRED = "required"
    CONTROL_CHARACTERS = "control_characters"
    INVISIBLE_CHARACTERS = "invisible_characters"
    DAY_OUT_OF_RANGE = "day_out_of_range"
    TOO_LONG = "too_long"
    UNIT_REQUIRED = "unit_required"
    UNIT_NOT_IN_SCOPE = "unit_not_in_scope"
    UNIT_ENDED = "unit_ended"
    UNIT_NOT_YET_FORMED = "unit_not_yet_formed"
    USERNAME_TAKEN = "username_taken"
    CODE_TAKEN = "code_taken"
    WEAK_PASSWORD = "weak_password"
    BAD_ROLE = "bad_role"
    TOKEN_EXPIRY = "token_expiry"
    TOKEN_ALREADY_REVOKED = "token_already_revoked"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    PARENT_KIND = "parent_kind"
    LON_OUT_OF_RANGE = "lon_out_of_range"
    LAT_OUT_OF_RANGE = "lat_out_of_range"
    GEOMETRY_INVALID = "geometry_invalid"
    GEOMETRY_NOT_LINE = "geometry_not_line"
    GEOMETRY_ZERO_LENGTH = "geometry_zero_length"
    GEOMETRY_SELF_CROSSING = "geometry_self_crossing"
    MARKER_ID_INVALID = "marker_id_invalid"
    MARKER_ID_TAKEN = "marker_id_taken"
    MARKER_ID_KIND = "marker_id_kind"
    MARKER_MULTIPLICITY = "marker_multiplicity"
    TOO_FAR_FROM_LINE = "too_far_from_line"
    NOT_A_BORDER_POST = "not_a_border_post"
    WRONG_BORDER = "wrong_border"
    DATE_IN_FUTURE = "date_in_future"
    SECTION_CODE_TAKEN = "section_code_taken"
    SIGN_CODE_TAKEN = "sign_code_taken"
    GATE_PAIR_SELF = "gate_pair_self"
    GATE_PAIR_SAME_SIDE = "gate_pair_same_side"
    GATE_PAIR_OTHER_BORDER = "gate_pair_other_border"
    VALID_TO_BEFORE_FROM = "valid_to_before_from"
    VERSIONS_OVERLAP = "versions_overlap"
    DISTRICT_AFTER_REFORM = "district_after_reform"
    PARENT_LEVEL = "parent_level"
    BELT_WIDTH = "belt_width"
    NOT_A_COMMUNE = "not_a_commune"
    COMMUNE_NOT_IN_FORCE = "commune_not_in_force"
    NOT_A_COMMITTEE = "not_a_committee"
    ONE_HEAD = "one_head"
    NOT_IN_PROVINCE = "not_in_province"
    SUBDIVISION_TAKEN = "subdivision_taken"
    SERVED_LEVEL = "served_level"
    ADMIN_UNIT_OTHER_PROVINCE = "admin_unit_other_province"
    COUNTRY_NOT_BORDERED = "country_not_bordered"
    PREDECESSOR_UNKNOWN = "predecessor_unknown"
    PREDECESSOR_SELF = "predecessor_self"
    PREDECESSOR_IN_TREE = "predecessor_in_tree"
    PREDECESSOR_CYCLE = "predecessor_cycle"
    PREDECESSOR_NOT_ENDED = "predecessor_not_ended"
    PREDECESSOR_ENDS_AFTER = "predecessor_ends_after"
    TERM_OUTSIDE_COMMITTEE = "term_outside_committee"
    OUT_OF_RANGE = "out_of_range"
    ENDS_BEFORE_START = "ends_before_start"
    MOMENT_IN_FUTURE = "moment_in_future"
    MARKER_OTHER_BORDER = "marker_other_border"
    MARKER_NOT_IN_SCOPE = "marker_not_in_scope"
    INSPECTED_TWICE = "inspected_twice"
    CLIENT_ID_TAKEN = "client_id_taken"
    STALE_VERSION = "stale_version"
    MARKER_UNKNOWN = "marker_unknown"
    MARKER_AMBIGUOUS = "marker_ambiguous"
    NEAR_INVALID = "near_invalid"
    FAR_FROM_BORDER = "far_from_border"
    TRACK_FORMAT = "track_format"
    TRACK_UNREADABLE = "track_unreadable"
    TRACK_EMPTY = "track_empty"
    TRACK_NO_TIME = "track_no_time"
    TRACK_BAD_PLACE = "track_bad_place"
    TRACK_TIME_FUTURE = "track_time_future"
    TRACK_TIME_BACKWARDS = "track_time_backwards"
    TRACK_FAR_FROM_BORDER = "track_far_from_border"
    TRACK_NOTHING_KEPT = "track_nothing_kept"
    NO_BORDER_LINE = "no_border_line"
    STEP_SKIPPED = "step_skipped"
    BEFORE_DETECTION = "before_detection"
    DETECTED_AFTER_STEP = "detected_after_step"
    INCIDENT_CLOSED = "incident_closed"
    NO_STEPS = "no_steps"
    CLOSED_BEFORE_STEP = "closed_before_step"
    FILE_TOO_LARGE = "file_too_large"
    FILE_TYPE_NOT_ALLOWED = "file_type_not_allowed"
    FILE_NOT_WHAT_IT_CLAIMS = "file_not_what_it_claims"
    PHOTO_NOT_IMAGE = "photo_not_image"
    DOCUMENT_KIND_NOT_FOR_OWNER = "document_kind_not_for_owner"
    NOT_POSITIVE = "not_positive"
    NEGATIVE = "negative"
    SEIZURE_UNIT_REQUIRED = "seizure_unit_required"
    FINE_WITHOUT_SANCTION = "fine_without_sanction"
    HANDLED_BEFORE_DETECTION = "handled_before_detection"
    PENDING_HANDLED_ON = "pending_handled_on"
    OPERATION_OTHER_UNIT = "operation_other_unit"
    OUTSIDE_OPERATION = "outside_operation"
    NATIONALITY_CODE = "nationality_code"
    REPAIR_ALREADY_OPEN = "repair_already_open"
    INSPECTION_OTHER_PATROL = "inspection_other_patrol"
    REPAIR_CLOSED = "repair_closed"
    REPAIR_STAGE_ORDER = "repair_stage_order"
    BEFORE_PREVIOUS_STEP = "before_previous_step"
    PLACE_ONE_OF = "place_one_of"
    PLACE_UNKNOWN = "place_unknown"
    PLACE_NOT_IN_AREA = "place_not_in_area"
    SEXES_DONT_ADD_UP = "sexes_dont_add_up"
    MORE_THAN_PERSONS = "more_than_persons"
    RECEIVED_NOT_VIETNAMESE = "received_not_vietnamese"
    RETURNED_VIETNAMESE = "returned_vietnamese"
    ORIGINS_ONLY_RECEIVED = "origins_only_received"
    ORIGINS_EXCEED = "origins_exceed"
    ORIGIN_TWICE = "origin_twice"
    NOT_A_PROVINCE = "not_a_province"
    ENDED_BEFORE_START = "ended_before_start"
    NOT_A_NUMBER = "not_a_number"
    NOT_AN_INTEGER = "not_an_integer"
    NOT_NEGATIVE = "not_negative"
    MONTH_IN_FUTURE = "month_in_future"
    GATE_NOT_OF_UNIT = "gate_not_of_unit"
    GATE_TRAFFIC_TAKEN = "gate_traffic_taken"
    GATE_TRAFFIC_MIXED = "gate_traffic_mixed"
    MARKER_OTHER_COMMUNE = "marker_other_commune"
    MARKER_NOT_FOUND = "marker_not_found"
    BEFORE_FOUNDED = "before_founded"
    REVIEW_TWICE = "review_twice"
    REVIEW_YEAR = "review_year"
    MORE_LISTENERS_THAN_POPULATION = "more_listeners_than_population"
    TOPIC_UNKNOWN = "topic_unknown"
    TOPIC_TAKEN = "topic_taken"
    TOPICS_REQUIRED = "topics_required"
    TEAM_NOT_IN_SCOPE = "team_not_in_scope"
    PROGRAMME_UNKNOWN = "programme_unknown"
    PROGRAMME_TAKEN = "programme_taken"
    BIRTH_YEAR_IN_FUTURE = "birth_year_in_future"
    PLACE_COMMUNE_OR_ABROAD = "place_commune_or_abroad"
    PLACE_ABROAD_ONLY = "place_abroad_only"
    COUNTRY_UNKNOWN = "country_unknown"
    END_REASON_WITHOUT_UNTIL = "end_reason_without_until"
    TWIN_SAME_SIDE = "twin_same_side"
    TWIN_ONE_LINK = "twin_one_link"
    TWIN_LINK_KIND = "twin_link_kind"
    TWIN_LINK_UNKNOWN = "twin_link_unknown"
    TWIN_NOT_POST = "twin_not_post"
    TWIN_NOT_NEIGHBOUR = "twin_not_neighbour"
    TWIN_COUNTRY_OF_LINK = "twin_country_of_link"
    TWIN_BEFORE_SIGNED = "twin_before_signed"
    TWIN_AFTER_END = "twin_after_end"
    TWIN_ACTIVITY_OUTSIDE = "twin_activity_outside"
    OUTSIDE_MOVEMENT = "outside_movement"
    MOVEMENT_NOT_FOUND = "movement_not_found"
    MOVEMENT_AWARDS_OUTSIDE = "movement_awards_outside"
    RECIPIENT_NAME_REQUIRED = "recipient_name_required"
    RECIPIENT_ONE_OF = "recipient_one_of"
    POSITION_ONLY_INDIVIDUAL = "position_only_individual"
    COUNTRY_REQUIRED = "country_required"
    COUNTRY_ONLY_FOREIGN = "country_only_foreign"
    MOVEMENT_REVIEW_TWICE = "movement_review_twice"
    # conferences, conclusions and tasks (coordination)
    CONCLUSION_BEFORE_CONFERENCE = "conclusion_before_conference"
    CONCLUSION_EXISTS = "conclusion_exists"
    CONCLUSION_NOT_FOUND = "conclusion_not_found"
    CONFERENCE_AFTER_CONCLUSION = "conference_after_conclusion"
    CONCLUSION_AFTER_DEADLINE = "conclusion_after_deadline"
    DEADLINE_BEFORE_CONCLUSION = "deadline_before_conclusion"
    TASK_CANCELLED = "task_cancelled"
    TASK_DONE_NEEDS_STATUS = "task_done_needs_status"
    TASK_BACK_TO_NEW = "task_back_to_new"
    # talks, the talks plan and information exchanges (coordination)
    TALKS_LEVEL_UNIT = "talks_level_unit"
    COUNTERPART_NOT_IN_PROVINCE = "counterpart_not_in_province"
    PLANNED_NOT_FOUND = "planned_not_found"
    PLANNED_OTHER_YEAR = "planned_other_year"
    PLANNED_OTHER_COUNTERPART = "planned_other_counterpart"
    PLANNED_ALREADY_HELD = "planned_already_held"
    PLAN_MONTH_OR_QUARTER = "plan_month_or_quarter"
    AGREED_POINT_NOT_FOUND = "agreed_point_not_found"
    AGREED_POINT_HAS_TASK = "agreed_point_has_task"
    TASK_TWO_SOURCES = "task_two_sources"
    DEADLINE_BEFORE_TALKS = "deadline_before_talks"
    DEADLINE_BEFORE_ASSIGNED = "deadline_before_assigned"
    ASSIGNED_BEFORE_SOURCE = "assigned_before_source"
    TALKS_AFTER_DEADLINE = "talks_after_deadline"
    EXCHANGE_ONE_PARTY = "exchange_one_party"
    EXCHANGE_SELF = "exchange_self"
    INCIDENT_NOT_FOUND = "incident_not_found"
    REPLY_BY_REQUIRED = "reply_by_required"
    REPLY_BY_BEFORE_EXCHANGE = "reply_by_before_exchange"
    REPLY_BEFORE_EXCHANGE = "reply_before_exchange"

    # coordination regulations, their duties and the submissions they expect
    REGULATION_TWO_PARTIES = "regulation_two_parties"
    PARTY_OWES_DUTIES = "party_owes_duties"
    VALIDITY_EXCLUDES_SUBMISSION = "validity_excludes_submission"
    NOT_PROVINCE_LEVEL = "not_province_level"
    DUTY_OWNER_NOT_PARTY = "duty_owner_not_party"
    DUE_MONTH_ONLY_YEARLY = "due_month_only_yearly"
    RHYTHM_HAS_SUBMISSIONS = "rhythm_has_submissions"
    NOT_DUTY_OWNER = "not_duty_owner"
    PERIOD_NOT_OF_DUTY = "period_not_of_duty"
    SUBMISSION_EXISTS = "submission_exists"
    SUBMITTED_BEFORE_PERIOD = "submitted_before_period"
    FIGURES_INVALID = "figures_invalid"

    # budget estimates (coordination)
    SPENT_OVER_APPROVED = "spent_over_approved"

    # periodic reports
    REPORT_PERIOD_UNKNOWN = "report_period_unknown"
    REPORT_PERIOD_FUTURE = "report_period_future"
    REPORT_ISSUED = "report_issued"
    REPORT_NOT_ISSUED = "report_not_issued"
    REPORT_CORRECTED = "report_corrected"
    REPORT_PART_UNKNOWN = "report_part_unknown"
    # the situation map
    BBOX_INVALID = "bbox_invalid"
    POINT_INCOMPLETE = "point_incomplete"
    LAYER_UNKNOWN = "layer_unknown"
    # search
    SEARCH_EMPTY = "search_empty"


MESSAGES: dict[Code, Any] = {
    Code.REQUIRED: _("Trường này là bắt buộc."),
    Code.CONTROL_CHARACTERS: _("Văn bản chứa ký tự điều khiển không được phép."),
    Code.INVISIBLE_CHARACTERS: _(
        "Văn bản chứa ký tự ẩn hoặc ký tự đảo chiều viết (như U+202E, U+200B) không được "
        "phép: chúng làm chữ hiển thị khác với chữ được lưu."
    ),
    Code.DAY_OUT_OF_RANGE: _("Ngày phải trong khoảng từ {low} đến {high}."),
    Code.TOO_LONG: _("Văn bản dài quá {max} ký tự."),
    Code.UNIT_REQUIRED: _("Người dùng phải thuộc một đơn vị."),
    Code.UNIT_NOT_IN_SCOPE: _("Đơn vị nằm ngoài phạm vi của bạn."),
    Code.UNIT_ENDED: _(
        "Đơn vị “{name}” chỉ hoạt động đến ngày {day}: hãy chọn đơn vị đang hoạt động vào ngày "
        "của bản ghi."
    ),
    Code.UNIT_NOT_YET_FORMED: _(
        "Đơn vị “{name}” bắt đầu hoạt động từ ngày {day}: hãy chọn đơn vị đang hoạt động vào "
        "ngày của bản ghi."
    ),
    Code.USERNAME_TAKEN: _("Tên đăng nhập “{username}” đã có người dùng."),
    Code.CODE_TAKEN: _("Mã “{code}” đã được dùng cho đơn vị khác."),
    Code.WEAK_PASSWORD: _("Mật khẩu chưa đạt yêu cầu: {reason}"),
    Code.BAD_ROLE: _("Vai trò “{role}” không tồn tại."),
    Code.TOKEN_EXPIRY: _("Thời hạn mã truy cập phải từ 1 đến {max} ngày."),
    Code.TOKEN_ALREADY_REVOKED: _("Mã truy cập này đã bị thu hồi."),
    Code.IDEMPOTENCY_KEY_REUSED: _("Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."),
    Code.PARENT_KIND: _("Đơn vị loại “{kind}” không thể trực thuộc loại “{parent_kind}”."),
    Code.LON_OUT_OF_RANGE: _("Kinh độ phải nằm trong khoảng {low} đến {high}."),
    Code.LAT_OUT_OF_RANGE: _("Vĩ độ phải nằm trong khoảng {low} đến {high}."),
    Code.GEOMETRY_INVALID: _("Hình học không phải GeoJSON hợp lệ."),
    Code.GEOMETRY_NOT_LINE: _("Hình học phải là một đường (LineString)."),
    Code.GEOMETRY_ZERO_LENGTH: _("Đường có độ dài bằng 0."),
    Code.GEOMETRY_SELF_CROSSING: _("Đường tự cắt chính nó."),
    Code.MARKER_ID_INVALID: _(
        "Số hiệu mốc “{identifier}” không đúng dạng (ví dụ: 1116, 1116/1, 222(2), 232/5(1))."
    ),
    Code.MARKER_ID_TAKEN: _("Mốc “{identifier}” đã có trên tuyến biên giới này."),
    Code.MARKER_ID_KIND: _("Số hiệu “{identifier}” không hợp với loại mốc “{kind}”."),
    Code.MARKER_MULTIPLICITY: _("Số hiệu “{identifier}” không hợp với mốc “{multiplicity}”."),
    Code.TOO_FAR_FROM_LINE: _("Vị trí cách đường biên giới {distance} m, quá {limit} m cho phép."),
    Code.NOT_A_BORDER_POST: _("Đơn vị phụ trách phải là một đồn biên phòng trong phạm vi của bạn."),
    Code.WRONG_BORDER: _("Đoạn biên giới thuộc tuyến khác với mốc."),
    Code.DATE_IN_FUTURE: _("Ngày không được sau hôm nay."),
    Code.SECTION_CODE_TAKEN: _("Mã đoạn “{code}” đã có trên tuyến biên giới này."),
    Code.SIGN_CODE_TAKEN: _("Biển báo “{code}” đã có trên tuyến biên giới này."),
    Code.GATE_PAIR_SELF: _("Một cửa khẩu không thể ghép cặp với chính nó."),
    Code.GATE_PAIR_SAME_SIDE: _(
        "Cửa khẩu đối diện phải ở phía bên kia biên giới, không cùng phía “{side}”."
    ),
    Code.GATE_PAIR_OTHER_BORDER: _("Cửa khẩu đối diện phải trên cùng tuyến biên giới."),
    Code.VALID_TO_BEFORE_FROM: _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
    Code.VERSIONS_OVERLAP: _(
        "Đơn vị mã “{code}” đã có một phiên bản hiệu lực trong khoảng thời gian này ({other})."
    ),
    Code.DISTRICT_AFTER_REFORM: _("Cấp huyện chỉ tồn tại đến ngày 30/06/2025."),
    Code.PARENT_LEVEL: _("Đơn vị “{level}” không thể trực thuộc đơn vị “{parent_level}”."),
    Code.BELT_WIDTH: _("Chiều rộng vành đai biên giới phải từ 100 đến 1.000 m."),
    Code.NOT_A_COMMUNE: _("Phải là một xã, phường, đặc khu đang có hiệu lực."),
    Code.COMMUNE_NOT_IN_FORCE: _(
        "{name} không có hiệu lực vào ngày {day} (hiệu lực {span}): hãy chọn xã, phường của "
        "ngày đó."
    ),
    Code.NOT_A_COMMITTEE: _("Phải là một ban chỉ đạo trong phạm vi của bạn."),
    Code.ONE_HEAD: _("Ban chỉ đạo đã có Trưởng ban trong khoảng thời gian này ({person})."),
    Code.NOT_IN_PROVINCE: _("Đơn vị phải thuộc tỉnh của bạn."),
    Code.SUBDIVISION_TAKEN: _("Địa phương “{name}” đã có trong danh mục của nước này."),
    Code.SERVED_LEVEL: _("Đơn vị loại “{kind}” không gắn được với đơn vị hành chính “{level}”."),
    Code.ADMIN_UNIT_OTHER_PROVINCE: _(
        "“{name}” thuộc địa bàn một tỉnh khác; chỉ quản trị viên của tỉnh đó được thay đổi."
    ),
    Code.COUNTRY_NOT_BORDERED: _("Tỉnh của bạn không có tuyến biên giới với nước này."),
    Code.PREDECESSOR_UNKNOWN: _("Đơn vị số {id} không có hoặc nằm ngoài phạm vi của bạn."),
    Code.PREDECESSOR_SELF: _("Đơn vị không thể là đơn vị tiền thân của chính nó."),
    Code.PREDECESSOR_IN_TREE: _(
        "“{name}” là đơn vị cấp trên hoặc trực thuộc của đơn vị này: số liệu của nó đã được tính "
        "chung, không ghi là đơn vị tiền thân."
    ),
    Code.PREDECESSOR_CYCLE: _(
        "“{name}” là đơn vị kế tục (trực tiếp hoặc qua đơn vị khác) của đơn vị này, không thể "
        "đồng thời là đơn vị tiền thân."
    ),
    Code.PREDECESSOR_NOT_ENDED: _(
        "“{name}” chưa có ngày kết thúc hoạt động nên chưa thể là đơn vị tiền thân của "
        "“{successor}”."
    ),
    Code.PREDECESSOR_ENDS_AFTER: _(
        "“{name}” hoạt động đến ngày {day}, sau ngày “{successor}” bắt đầu hoạt động ({start}): "
        "đơn vị tiền thân phải kết thúc trước hoặc đúng ngày đơn vị kế tục bắt đầu."
    ),
    Code.TERM_OUTSIDE_COMMITTEE: _(
        "Nhiệm kỳ phải nằm trong thời gian hoạt động của ban chỉ đạo ({period})."
    ),
    Code.OUT_OF_RANGE: _("Giá trị phải từ {low} đến {high}."),
    Code.ENDS_BEFORE_START: _("Thời điểm kết thúc phải sau thời điểm bắt đầu."),
    Code.MOMENT_IN_FUTURE: _("Thời điểm không được sau hiện tại."),
    Code.MARKER_OTHER_BORDER: _(
        "Mốc {identifier} không thuộc tuyến biên giới của chuyến tuần tra."
    ),
    Code.MARKER_NOT_IN_SCOPE: _("Mốc {identifier} không thuộc địa bàn đơn vị của bạn."),
    Code.INSPECTED_TWICE: _("Mốc {identifier} đã được ghi kiểm tra trong chuyến này."),
    Code.MARKER_UNKNOWN: _("Không có mốc {identifier} trên tuyến biên giới này."),
    Code.MARKER_AMBIGUOUS: _("Có nhiều mốc số {identifier}: {candidates}. Chọn một."),
    Code.FAR_FROM_BORDER: _(
        "Vị trí cách đường biên giới của tỉnh {distance} km, ngoài khu vực biên giới (tối đa "
        "{limit} km): kiểm tra lại tọa độ, kinh độ trước, vĩ độ sau."
    ),
    Code.NEAR_INVALID: _(
        "Vị trí phải là “kinh độ,vĩ độ” (kinh độ trước), ví dụ 106.51,16.78, trong phạm vi "
        "Việt Nam."
    ),
    Code.CLIENT_ID_TAKEN: _("Mã định danh này đã được dùng cho một bản ghi khác."),
    Code.NO_BORDER_LINE: _("Tỉnh chưa có tuyến biên giới nào trong danh mục."),
    Code.STEP_SKIPPED: _(
        "Không được bỏ qua cấp giải quyết: phải có bước ở {below} trước khi chuyển lên {level}."
    ),
    Code.BEFORE_DETECTION: _("Ngày không được trước ngày phát hiện vụ việc ({day})."),
    Code.DETECTED_AFTER_STEP: _("Ngày phát hiện không được sau bước giải quyết đầu tiên ({day})."),
    Code.INCIDENT_CLOSED: _("Vụ việc đã kết thúc ngày {day}; không ghi thêm được."),
    Code.NO_STEPS: _("Vụ việc chưa có bước giải quyết nào; hãy ghi các bước trước khi kết thúc."),
    Code.CLOSED_BEFORE_STEP: _("Ngày kết thúc không được trước bước giải quyết cuối cùng ({day})."),
    Code.FILE_TOO_LARGE: _("Tệp lớn quá {limit} MB cho phép."),
    Code.TRACK_FORMAT: _(
        "Không nhận ra định dạng của tệp “{name}”: nhận tệp GPX, GeoJSON, CSV (lon, lat, time) "
        "hoặc KML."
    ),
    Code.TRACK_UNREADABLE: _("Tệp không đọc được như một tệp {format}: {reason}."),
    Code.TRACK_EMPTY: _("Tệp không có điểm nào của hành trình."),
    Code.TRACK_NO_TIME: _(
        "Điểm thứ {number} của tệp không có thời gian: hành trình cần thời gian của mọi điểm "
        "(bật ghi thời gian trên thiết bị)."
    ),
    Code.TRACK_BAD_PLACE: _("Điểm thứ {number} của tệp có tọa độ không hợp lệ."),
    Code.TRACK_TIME_FUTURE: _(
        "Điểm thứ {number} có thời gian {time}, sau thời điểm hiện tại: kiểm tra đồng hồ của "
        "thiết bị."
    ),
    Code.TRACK_TIME_BACKWARDS: _(
        "Thời gian đi lùi ở điểm thứ {number}: {time}, trước điểm liền trên ({previous})."
    ),
    Code.TRACK_FAR_FROM_BORDER: _(
        "Cả hành trình ở ngoài khu vực biên giới của tỉnh: điểm gần nhất cách đường biên giới "
        "{distance} km (tối đa {limit} km). Kiểm tra tệp có đúng của đợt tuần tra này không."
    ),
    Code.TRACK_NOTHING_KEPT: _("Không còn điểm nào của hành trình sau khi lọc: {reasons}."),
    Code.FILE_TYPE_NOT_ALLOWED: _(
        "Tệp “{name}” không thuộc loại được nhận (PDF, JPEG, PNG, DOCX)."
    ),
    Code.FILE_NOT_WHAT_IT_CLAIMS: _(
        "Nội dung tệp “{name}” không phải là tệp {claimed} như tên tệp khai báo."
    ),
    Code.PHOTO_NOT_IMAGE: _("Ảnh phải là tệp JPEG hoặc PNG."),
    Code.DOCUMENT_KIND_NOT_FOR_OWNER: _("Loại tệp “{kind}” không dùng cho {owner}."),
    Code.NOT_POSITIVE: _("Giá trị phải lớn hơn 0."),
    Code.NEGATIVE: _("Giá trị không được âm."),
    Code.SEIZURE_UNIT_REQUIRED: _("Tang vật phải có đơn vị tính (kg, bánh, viên, cái, ...)."),
    Code.FINE_WITHOUT_SANCTION: _("Chỉ vụ bị xử phạt vi phạm hành chính mới có số tiền phạt."),
    Code.HANDLED_BEFORE_DETECTION: _("Ngày xử lý không được trước ngày phát hiện ({day})."),
    Code.PENDING_HANDLED_ON: _(
        "Vụ đang xác minh chưa có ngày xử lý; hãy chọn hình thức xử lý trước."
    ),
    Code.OPERATION_OTHER_UNIT: _("Chuyên án, kế hoạch “{name}” không bao gồm đơn vị của vụ việc."),
    Code.OUTSIDE_OPERATION: _(
        "Ngày phát hiện nằm ngoài thời gian của chuyên án, kế hoạch ({start} – {end})."
    ),
    Code.NATIONALITY_CODE: _("Quốc tịch ghi bằng mã hai chữ cái (VN, CN, LA, KH, ...)."),
    Code.REPAIR_ALREADY_OPEN: _("Mốc {identifier} đang được theo dõi sửa chữa."),
    Code.INSPECTION_OTHER_PATROL: _("Mốc này không được kiểm tra trong chuyến tuần tra này."),
    Code.REPAIR_CLOSED: _("Việc sửa chữa mốc đã kết thúc ngày {day}."),
    Code.REPAIR_STAGE_ORDER: _("Bước tiếp theo phải là “{expected}”; không bỏ qua bước nào."),
    Code.BEFORE_PREVIOUS_STEP: _("Ngày không được trước bước “{stage}” ({day})."),
    Code.PLACE_ONE_OF: _("Chọn đúng một nơi: một cửa khẩu hoặc một mốc quốc giới."),
    Code.PLACE_UNKNOWN: _("Không có cửa khẩu hoặc mốc này trong tỉnh của bạn."),
    Code.PLACE_NOT_IN_AREA: _("{place} không thuộc địa bàn của {unit}."),
    Code.SEXES_DONT_ADD_UP: _(
        "Số nam ({males}) cộng số nữ ({females}) phải bằng tổng số người ({persons})."
    ),
    Code.MORE_THAN_PERSONS: _("Không được nhiều hơn tổng số người ({persons})."),
    Code.RECEIVED_NOT_VIETNAMESE: _(
        "Người được tiếp nhận là công dân Việt Nam: quốc tịch phải là Việt Nam."
    ),
    Code.RETURNED_VIETNAMESE: _(
        "Người bị trao trả, trục xuất là người nước ngoài: quốc tịch không thể là Việt Nam."
    ),
    Code.ORIGINS_ONLY_RECEIVED: _("Quê quán chỉ ghi cho người được tiếp nhận."),
    Code.ORIGINS_EXCEED: _(
        "Tổng số người theo quê quán ({total}) vượt quá tổng số người ({persons})."
    ),
    Code.ORIGIN_TWICE: _("“{name}” đã có trong danh sách quê quán."),
    Code.NOT_A_PROVINCE: _("Phải là một tỉnh, thành phố có hiệu lực vào ngày {day}."),
    Code.ENDED_BEFORE_START: _("Ngày kết thúc không được trước ngày bắt đầu ({day})."),
    Code.NOT_A_NUMBER: _("Phải là một số."),
    Code.NOT_AN_INTEGER: _("Phải là một số nguyên."),
    Code.NOT_NEGATIVE: _("Số liệu không được âm."),
    Code.MONTH_IN_FUTURE: _("Tháng {month} chưa đến."),
    Code.GATE_NOT_OF_UNIT: _(
        "Phải là một cửa khẩu phía Việt Nam do {unit} hoặc đơn vị trực thuộc phụ trách."
    ),
    Code.GATE_TRAFFIC_TAKEN: _("{gate} đã có số liệu {when}."),
    Code.GATE_TRAFFIC_MIXED: _(
        "Tháng {month} của {gate} đã được ghi {other}; mỗi tháng chỉ ghi theo từng ngày "
        "hoặc bằng một số liệu cả tháng, không cả hai."
    ),
    Code.MARKER_OTHER_COMMUNE: _(
        "Mốc {identifier} thuộc {commune}, không thuộc xã, phường của tổ ({team_commune})."
    ),
    Code.MARKER_NOT_FOUND: _("Không có mốc {identifier} trong địa bàn tỉnh của bạn."),
    Code.BEFORE_FOUNDED: _("Không được trước ngày thành lập tổ ({day})."),
    Code.REVIEW_TWICE: _("Tổ đã được bình xét năm {year}."),
    Code.REVIEW_YEAR: _("Ngày bình xét phải trong năm {year}."),
    Code.STALE_VERSION: _(
        "Bản ghi đã được sửa sau khi bạn mở nó (phiên bản hiện tại: {current}). "
        "Hãy xem lại bản mới nhất rồi sửa lại."
    ),
    Code.MORE_LISTENERS_THAN_POPULATION: _(
        "Số người nghe ({listeners}) nhiều hơn dân số của {commune} ({population} người)."
    ),
    Code.TOPIC_UNKNOWN: _("Chủ đề “{topic}” không có trong danh sách đang dùng của tỉnh."),
    Code.TOPIC_TAKEN: _("Tỉnh đã có chủ đề “{name}”."),
    Code.TOPICS_REQUIRED: _("Chọn ít nhất một chủ đề tuyên truyền."),
    Code.TEAM_NOT_IN_SCOPE: _("Tổ tự quản số {id} không có hoặc nằm ngoài phạm vi của bạn."),
    Code.PROGRAMME_UNKNOWN: _(
        "Chương trình “{programme}” không có trong danh sách đang thực hiện của tỉnh."
    ),
    Code.PROGRAMME_TAKEN: _("Tỉnh đã có chương trình “{name}”."),
    Code.BIRTH_YEAR_IN_FUTURE: _("Năm sinh không được sau năm nay ({year})."),
    Code.PLACE_COMMUNE_OR_ABROAD: _(
        "Chọn xã, phường ở Việt Nam hoặc ghi nơi ở nước ngoài, không ghi cả hai."
    ),
    Code.PLACE_ABROAD_ONLY: _(
        "Nơi ở ghi bằng chữ chỉ dành cho người ở nước ngoài (chọn nước); người ở Việt Nam "
        "chọn xã, phường."
    ),
    Code.COUNTRY_UNKNOWN: _("Không có nước “{code}” trong danh mục nước láng giềng."),
    Code.END_REASON_WITHOUT_UNTIL: _("Lý do kết thúc chỉ ghi khi đã có ngày kết thúc."),
    Code.TWIN_SAME_SIDE: _(
        "Hai bên kết nghĩa phải ở hai phía biên giới: “{first}” và “{second}” cùng ở phía {side}."
    ),
    Code.TWIN_ONE_LINK: _(
        "Mỗi bên kết nghĩa chỉ gắn với một mục trong danh mục (đơn vị hành chính, đơn vị, "
        "đơn vị đối đẳng hoặc địa phương nước bạn)."
    ),
    Code.TWIN_LINK_KIND: _("{link} không hợp với hình thức “{kind}”."),
    Code.TWIN_LINK_UNKNOWN: _("Không có {link} số {id} trong danh mục của tỉnh."),
    Code.TWIN_NOT_POST: _(
        "Bên Việt Nam của cặp kết nghĩa đồn – trạm phải là một đồn biên phòng của tỉnh."
    ),
    Code.TWIN_NOT_NEIGHBOUR: _("{country} không có chung đường biên giới với {province}."),
    Code.TWIN_COUNTRY_OF_LINK: _("“{name}” thuộc {country}, không thuộc nước đã chọn."),
    Code.TWIN_BEFORE_SIGNED: _("Không được trước ngày ký kết nghĩa ({day})."),
    Code.TWIN_AFTER_END: _("Cặp kết nghĩa đã kết thúc ngày {day}."),
    Code.TWIN_ACTIVITY_OUTSIDE: _(
        "Cặp kết nghĩa có hoạt động ngày {day}, nằm ngoài thời gian kết nghĩa này."
    ),
    Code.OUTSIDE_MOVEMENT: _("Ngày phải nằm trong thời gian của phong trào “{name}” ({period})."),
    Code.MOVEMENT_NOT_FOUND: _("Phong trào thi đua số {id} không có trong tỉnh của bạn."),
    Code.MOVEMENT_AWARDS_OUTSIDE: _(
        "Phong trào đã có khen thưởng hoặc sơ kết ngày {day}, nằm ngoài thời gian này."
    ),
    Code.RECIPIENT_NAME_REQUIRED: _(
        "Ghi họ tên người được khen thưởng (cá nhân) hoặc tên tập thể, hay chọn đơn vị, tổ "
        "tự quản được khen thưởng (tập thể)."
    ),
    Code.RECIPIENT_ONE_OF: _("Chọn một đơn vị hoặc một tổ tự quản, không chọn cả hai."),
    Code.POSITION_ONLY_INDIVIDUAL: _("Chỉ khen thưởng cá nhân mới ghi chức vụ."),
    Code.COUNTRY_REQUIRED: _("Huân, huy chương nước ngoài phải ghi nước trao tặng."),
    Code.COUNTRY_ONLY_FOREIGN: _("Chỉ huân, huy chương nước ngoài mới ghi nước trao tặng."),
    Code.MOVEMENT_REVIEW_TWICE: _("Phong trào đã được sơ kết năm {year}."),
    Code.CONCLUSION_BEFORE_CONFERENCE: _(
        "Thông báo kết luận không được trước ngày tổ chức hội nghị ({day})."
    ),
    Code.CONCLUSION_EXISTS: _("Hội nghị này đã có thông báo kết luận."),
    Code.CONCLUSION_NOT_FOUND: _("Thông báo kết luận số {id} không có trong phạm vi của bạn."),
    Code.CONFERENCE_AFTER_CONCLUSION: _(
        "Hội nghị đã có thông báo kết luận ngày {day}; ngày tổ chức không được sau ngày đó."
    ),
    Code.CONCLUSION_AFTER_DEADLINE: _(
        "Có nhiệm vụ của thông báo này hạn ngày {day}; ngày thông báo không được sau thời hạn đó."
    ),
    Code.DEADLINE_BEFORE_CONCLUSION: _(
        "Thời hạn không được trước ngày thông báo kết luận ({day})."
    ),
    Code.TASK_CANCELLED: _("Nhiệm vụ đã hủy; không cập nhật tiến độ được."),
    Code.TASK_DONE_NEEDS_STATUS: _(
        "Nhiệm vụ đã hoàn thành; muốn cập nhật tiếp, chọn lại trạng thái “Đang thực hiện”."
    ),
    Code.TASK_BACK_TO_NEW: _("Nhiệm vụ không thể trở lại trạng thái “Mới giao”."),
    Code.TALKS_LEVEL_UNIT: _("Đơn vị không hợp với cấp hội đàm “{level}”."),
    Code.COUNTERPART_NOT_IN_PROVINCE: _(
        "Đơn vị nước bạn số {id} không có trong danh mục đơn vị đối đẳng của tỉnh bạn."
    ),
    Code.PLANNED_NOT_FOUND: _("Hội đàm số {id} không có trong kế hoạch thuộc phạm vi của bạn."),
    Code.PLANNED_OTHER_YEAR: _(
        "Hội đàm này thuộc kế hoạch năm {year}; ngày hội đàm phải trong năm đó."
    ),
    Code.PLANNED_OTHER_COUNTERPART: _("Kế hoạch là hội đàm với {name}."),
    Code.PLANNED_ALREADY_HELD: _("Hội đàm theo kế hoạch này đã tổ chức ngày {day}."),
    Code.PLAN_MONTH_OR_QUARTER: _("Chọn tháng hoặc quý dự kiến (một trong hai)."),
    Code.AGREED_POINT_NOT_FOUND: _("Nội dung thống nhất số {id} không có trong phạm vi của bạn."),
    Code.AGREED_POINT_HAS_TASK: _(
        "Nội dung thống nhất thứ {n} đã được giao thành nhiệm vụ; không bỏ được."
    ),
    Code.TASK_TWO_SOURCES: _(
        "Nhiệm vụ chỉ có một nguồn: thông báo kết luận hoặc nội dung thống nhất tại hội đàm, "
        "không cả hai."
    ),
    Code.DEADLINE_BEFORE_TALKS: _("Thời hạn không được trước ngày hội đàm ({day})."),
    Code.DEADLINE_BEFORE_ASSIGNED: _("Thời hạn không được trước ngày giao nhiệm vụ ({day})."),
    Code.ASSIGNED_BEFORE_SOURCE: _(
        "Ngày giao không được trước ngày thông báo kết luận hay ngày hội đàm ({day})."
    ),
    Code.TALKS_AFTER_DEADLINE: _(
        "Có nhiệm vụ từ hội đàm này hạn ngày {day}; ngày hội đàm không được sau thời hạn đó."
    ),
    Code.EXCHANGE_ONE_PARTY: _(
        "Chọn một bên trao đổi: đơn vị đối đẳng nước bạn hoặc một đơn vị trong tỉnh."
    ),
    Code.EXCHANGE_SELF: _("Bên trao đổi phải là đơn vị khác."),
    Code.INCIDENT_NOT_FOUND: _("Vụ việc số {id} không có trong phạm vi của bạn."),
    Code.REPLY_BY_REQUIRED: _("Ghi hạn trả lời khi cần trả lời."),
    Code.REPLY_BY_BEFORE_EXCHANGE: _("Hạn trả lời không được trước ngày trao đổi ({day})."),
    Code.REPLY_BEFORE_EXCHANGE: _("Ngày trả lời không được trước ngày trao đổi ({day})."),
    Code.REGULATION_TWO_PARTIES: _(
        "Quy chế phối hợp phải có ít nhất hai bên, trong đó có một đơn vị của tỉnh."
    ),
    Code.PARTY_OWES_DUTIES: _(
        "{unit} đang thực hiện nhiệm vụ theo quy chế này; không bỏ khỏi các bên được."
    ),
    Code.VALIDITY_EXCLUDES_SUBMISSION: _(
        "Đã có báo cáo nộp cho kỳ {period}, nằm ngoài thời gian hiệu lực này."
    ),
    Code.NOT_PROVINCE_LEVEL: _(
        "Quy chế phối hợp do Thường trực Ban Chỉ đạo ở cấp tỉnh quản lý; tài khoản của bạn "
        "không thuộc cấp tỉnh."
    ),
    Code.DUTY_OWNER_NOT_PARTY: _(
        "Đơn vị thực hiện phải là một bên của quy chế hoặc đơn vị trực thuộc một bên."
    ),
    Code.DUE_MONTH_ONLY_YEARLY: _("Chỉ nhiệm vụ hằng năm mới ghi tháng hạn nộp."),
    Code.RHYTHM_HAS_SUBMISSIONS: _(
        "Nhiệm vụ đã có báo cáo nộp; không đổi định kỳ được (hãy thêm một nhiệm vụ mới)."
    ),
    Code.NOT_DUTY_OWNER: _("Chỉ {unit} (hoặc cấp trên) nộp báo cáo cho nhiệm vụ này."),
    Code.PERIOD_NOT_OF_DUTY: _(
        "Kỳ {start} – {end} không phải một kỳ của nhiệm vụ này trong thời gian quy chế có "
        "hiệu lực ({validity})."
    ),
    Code.SUBMISSION_EXISTS: _(
        "Đã có báo cáo nộp cho kỳ {start} – {end} của nhiệm vụ này; hãy sửa báo cáo đó."
    ),
    Code.SUBMITTED_BEFORE_PERIOD: _("Ngày nộp không được trước ngày bắt đầu kỳ ({day})."),
    Code.FIGURES_INVALID: _(
        "Số liệu là các cặp “tên: số” (tối đa {max} cặp; tên không rỗng, không trùng, "
        "dài tối đa 100 ký tự; số có tối đa 15 chữ số)."
    ),
    Code.SPENT_OVER_APPROVED: _(
        "Số đã chi ({spent} đ) không được vượt số được duyệt ({approved} đ)."
    ),
    Code.REPORT_PERIOD_UNKNOWN: _(
        "Không hiểu kỳ báo cáo “{period}”: ghi năm (2025), 6 tháng (2025-H1), quý (2025-Q3) "
        "hoặc khoảng ngày (2025-01-01..2025-03-31)."
    ),
    Code.REPORT_PERIOD_FUTURE: _("Kỳ báo cáo chưa bắt đầu (từ ngày {day})."),
    Code.REPORT_ISSUED: _(
        "Báo cáo đã ban hành (số {number}); không sửa được. Muốn sửa, tạo bản đính chính."
    ),
    Code.REPORT_NOT_ISSUED: _(
        "Báo cáo chưa ban hành; chỉ tạo bản đính chính cho báo cáo đã ban hành."
    ),
    Code.REPORT_CORRECTED: _("Báo cáo này đã có bản đính chính."),
    Code.REPORT_PART_UNKNOWN: _("Báo cáo không có phần “{part}”."),
    Code.BBOX_INVALID: _(
        "Khung bản đồ phải là bốn số “tây,nam,đông,bắc” với tây < đông, nam < bắc, kinh độ"
        " từ -180 đến 180 và vĩ độ từ -90 đến 90."
    ),
    Code.POINT_INCOMPLETE: _("Cần nhập cả kinh độ và vĩ độ, hoặc bỏ trống cả hai."),
    Code.LAYER_UNKNOWN: _("Không có lớp bản đồ “{layer}”; các lớp có: {known}."),
    Code.SEARCH_EMPTY: _("Hãy gõ ít nhất một chữ hoặc một chữ số để tìm."),
}


class Rejected(Exception):
    """A whole request refused with several field errors (an import's bad rows); nothing was
    written. Each error is {"field", "message"} and may carry "row"."""

    def __init__(self, detail: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(detail)
        self.detail, self.errors = detail, errors


class Stale(Exception):
    """An edit made on an old copy (its `version` is not the record's); nothing was written.
    `current` is the record as it stands, for the caller to show (HTTP 409)."""

    def __init__(self, current: Any, version: int) -> None:
        super().__init__(f"stale version {version}")
        self.current, self.version = current, version

    @property
    def message(self) -> str:
        return str(MESSAGES[Code.STALE_VERSION]).format(current=self.current.version)


class DomainError(Exception):
    """A request broke a rule of the domain; nothing was written."""

    def __init__(self, code: Code, /, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{code}: {field}")

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]).format(**self.params)
