from django.urls import path

from . import propaganda_views as propaganda
from . import teams_views as teams
from . import training_views as training

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
]
