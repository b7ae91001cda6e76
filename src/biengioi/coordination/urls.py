from django.urls import path

from . import budget_views as budget
from . import conferences_views as conferences
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
    path("coordination/budget/", budget.budget, name="budget"),
    path("coordination/budget/new/", budget.budget_item_create, name="budget_item_create"),
    path("coordination/budget/export.<str:fmt>", budget.budget_export, name="budget_export"),
    path(
        "coordination/budget/<int:budget_item_id>/edit/",
        budget.budget_item_edit,
        name="budget_item_edit",
    ),
]
