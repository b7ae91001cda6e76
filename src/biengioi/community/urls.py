from django.urls import path

from . import emulation_views as emulation
from . import programmes_views as programmes
from . import propaganda_views as propaganda
from . import teams_views as teams
from . import training_views as training
from . import twinning_views as twinning

app_name = "community"
urlpatterns: list = [
    path("teams/", teams.teams, name="teams"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("teams/export.<str:fmt>", teams.teams_export, name="teams_export"),
    path("teams/<int:team_id>/", teams.team_detail, name="team"),
    path("teams/<int:team_id>/edit/", teams.team_edit, name="team_edit"),
    path("teams/<int:team_id>/members/new/", teams.member_create, name="team_member_create"),
    path("teams/members/<int:member_id>/edit/", teams.member_edit, name="team_member_edit"),
    path("teams/<int:team_id>/activities/new/", teams.activity_create, name="team_activity_create"),
    path("teams/<int:team_id>/reviews/new/", teams.review_create, name="team_review_create"),
    path("training/", training.courses, name="training_courses"),
    path("training/new/", training.course_create, name="training_course_create"),
    path("training/export.<str:fmt>", training.courses_export, name="training_courses_export"),
    path("training/<int:course_id>/", training.course_detail, name="training_course"),
    path("training/<int:course_id>/edit/", training.course_edit, name="training_course_edit"),
    path("twinning/", twinning.twinnings, name="twinnings"),
    path("twinning/new/", twinning.twinning_create, name="twinning_create"),
    path("twinning/export.<str:fmt>", twinning.twinnings_export, name="twinnings_export"),
    path("twinning/<int:twinning_id>/", twinning.twinning_detail, name="twinning"),
    path("twinning/<int:twinning_id>/edit/", twinning.twinning_edit, name="twinning_edit"),
    path(
        "twinning/<int:twinning_id>/meetings/new/",
        twinning.meeting_create,
        name="twinning_meeting_create",
    ),
    path(
        "twinning/<int:twinning_id>/activities/new/",
        twinning.activity_create,
        name="twinning_activity_create",
    ),
    path("propaganda/", propaganda.sessions, name="propaganda"),
    path("propaganda/new/", propaganda.session_create, name="propaganda_create"),
    path("propaganda/export.<str:fmt>", propaganda.sessions_export, name="propaganda_export"),
    path("propaganda/import/", propaganda.session_import, name="propaganda_import"),
    path("propaganda/template.xlsx", propaganda.session_template, name="propaganda_template"),
    path("propaganda/<int:session_id>/", propaganda.session_detail, name="propaganda_session"),
    path("propaganda/<int:session_id>/edit/", propaganda.session_edit, name="propaganda_edit"),
    path("propaganda/topics/", propaganda.topics, name="propaganda_topics"),
    path("propaganda/topics/seed/", propaganda.topics_seed, name="propaganda_topics_seed"),
    path(
        "propaganda/topics/<int:topic_id>/edit/",
        propaganda.topic_edit,
        name="propaganda_topic_edit",
    ),
    path("programmes/", programmes.beneficiaries, name="programmes"),
    path("programmes/new/", programmes.beneficiary_create, name="programme_beneficiary_create"),
    path("programmes/export.<str:fmt>", programmes.beneficiaries_export, name="programmes_export"),
    path(
        "programmes/<int:beneficiary_id>/",
        programmes.beneficiary_detail,
        name="programme_beneficiary",
    ),
    path(
        "programmes/<int:beneficiary_id>/edit/",
        programmes.beneficiary_edit,
        name="programme_beneficiary_edit",
    ),
    path("programmes/activities/", programmes.activities, name="programme_activities"),
    path(
        "programmes/activities/new/",
        programmes.activity_create,
        name="programme_activity_create",
    ),
    path(
        "programmes/activities/export.<str:fmt>",
        programmes.activities_export,
        name="programme_activities_export",
    ),
    path(
        "programmes/activities/<int:activity_id>/",
        programmes.activity_detail,
        name="programme_activity",
    ),
    path(
        "programmes/activities/<int:activity_id>/edit/",
        programmes.activity_edit,
        name="programme_activity_edit",
    ),
    path("programmes/list/", programmes.programme_list, name="programme_list"),
    path("programmes/list/seed/", programmes.programmes_seed, name="programmes_seed"),
    path(
        "programmes/list/<int:programme_id>/edit/",
        programmes.programme_edit,
        name="programme_edit",
    ),
    path("emulation/", emulation.movements, name="emulation_movements"),
    path("emulation/new/", emulation.movement_create, name="emulation_movement_create"),
    path("emulation/export.<str:fmt>", emulation.movements_export, name="emulation_export"),
    path("emulation/<int:movement_id>/", emulation.movement_detail, name="emulation_movement"),
    path(
        "emulation/<int:movement_id>/edit/",
        emulation.movement_edit,
        name="emulation_movement_edit",
    ),
    path(
        "emulation/<int:movement_id>/reviews/new/",
        emulation.review_create,
        name="emulation_review_create",
    ),
    path("awards/", emulation.awards, name="awards"),
    path("awards/new/", emulation.award_create, name="award_create"),
    path("awards/export.<str:fmt>", emulation.awards_export, name="awards_export"),
    path("awards/<int:award_id>/", emulation.award_detail, name="award"),
    path("awards/<int:award_id>/edit/", emulation.award_edit, name="award_edit"),
]
