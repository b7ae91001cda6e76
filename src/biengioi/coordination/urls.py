from django.urls import path

from . import conferences_views as conferences
from . import regulations_views as regulations
from . import tasks_views as tasks

app_name = "coordination"
urlpatterns: list = [
    path("coordination/conferences/", conferences.conferences, name="conferences"),
    path("coordination/conferences/new/", conferences.conference_create, name="conference_create"),
    path(
        "coordination/conferences/export.<str:fmt>",
        conferences.conferences_export,
        name="conferences_export",
    ),
    path(
        "coordination/conferences/<int:conference_id>/",
        conferences.conference_detail,
        name="conference",
    ),
    path(
        "coordination/conferences/<int:conference_id>/edit/",
        conferences.conference_edit,
        name="conference_edit",
    ),
    path(
        "coordination/conferences/<int:conference_id>/conclusion/",
        conferences.conclusion_form,
        name="conclusion",
    ),
    path(
        "coordination/conferences/<int:conference_id>/tasks/new/",
        conferences.conference_task_create,
        name="conference_task_create",
    ),
    path("coordination/tasks/", tasks.tasks, name="tasks"),
    path("coordination/tasks/new/", tasks.task_create, name="task_create"),
    path("coordination/tasks/export.<str:fmt>", tasks.tasks_export, name="tasks_export"),
    path("coordination/tasks/<int:task_id>/", tasks.task_detail, name="task"),
    path("coordination/tasks/<int:task_id>/edit/", tasks.task_edit, name="task_edit"),
    path(
        "coordination/tasks/<int:task_id>/progress/new/",
        tasks.progress_create,
        name="task_progress_create",
    ),
    path("coordination/regulations/", regulations.regulations, name="regulations"),
    path("coordination/regulations/new/", regulations.regulation_create, name="regulation_create"),
    path(
        "coordination/regulations/export.<str:fmt>",
        regulations.regulations_export,
        name="regulations_export",
    ),
    path(
        "coordination/regulations/<int:regulation_id>/",
        regulations.regulation_detail,
        name="regulation",
    ),
    path(
        "coordination/regulations/<int:regulation_id>/edit/",
        regulations.regulation_edit,
        name="regulation_edit",
    ),
    path(
        "coordination/regulations/<int:regulation_id>/duties/new/",
        regulations.duty_create,
        name="duty_create",
    ),
    path("coordination/duties/<int:duty_id>/edit/", regulations.duty_edit, name="duty_edit"),
    path("coordination/duties/<int:duty_id>/submit/", regulations.submit, name="submit"),
    path("coordination/reporting/", regulations.owed, name="owed"),
    path("coordination/compliance/", regulations.compliance, name="compliance"),
    path(
        "coordination/compliance/export.<str:fmt>",
        regulations.compliance_export,
        name="compliance_export",
    ),
]
