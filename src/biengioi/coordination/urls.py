from django.urls import path

from . import budget_views as budget
from . import conferences_views as conferences
from . import documents_views as documents
from . import exchanges_views as exchanges
from . import regulations_views as regulations
from . import talks_views as talks
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
        "coordination/conferences/<int:conference_id>/documents/",
        conferences.conference_upload,
        name="conference_documents",
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
    path(
        "coordination/progress/<int:progress_id>/documents/",
        tasks.progress_upload,
        name="progress_documents",
    ),
    path("coordination/talks/", talks.talks_list, name="talks_list"),
    path("coordination/talks/new/", talks.talks_create, name="talks_create"),
    path("coordination/talks/export.<str:fmt>", talks.talks_export, name="talks_export"),
    path("coordination/talks/<int:talks_id>/", talks.talks_detail, name="talks"),
    path("coordination/talks/<int:talks_id>/edit/", talks.talks_edit, name="talks_edit"),
    path(
        "coordination/talks/<int:talks_id>/points/<int:point_id>/task/",
        talks.point_task_create,
        name="point_task_create",
    ),
    path(
        "coordination/talks/<int:talks_id>/documents/",
        talks.talks_upload,
        name="talks_documents",
    ),
    path("coordination/talks/plan/", talks.plan, name="talks_plan"),
    path("coordination/talks/plan/new/", talks.planned_create, name="planned_create"),
    path("coordination/talks/plan/<int:planned_id>/edit/", talks.planned_edit, name="planned_edit"),
    path("coordination/exchanges/", exchanges.exchanges, name="exchanges"),
    path("coordination/exchanges/new/", exchanges.exchange_create, name="exchange_create"),
    path(
        "coordination/exchanges/export.<str:fmt>",
        exchanges.exchanges_export,
        name="exchanges_export",
    ),
    path("coordination/exchanges/<int:exchange_id>/", exchanges.exchange_detail, name="exchange"),
    path(
        "coordination/exchanges/<int:exchange_id>/edit/",
        exchanges.exchange_edit,
        name="exchange_edit",
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
    path(
        "coordination/submissions/<int:submission_id>/documents/",
        regulations.submission_upload,
        name="submission_documents",
    ),
    path("coordination/documents/<int:document_id>/", documents.download, name="document"),
    path(
        "coordination/documents/<int:document_id>/remove/",
        documents.remove,
        name="document_remove",
    ),
    path("coordination/reporting/", regulations.owed, name="owed"),
    path("coordination/compliance/", regulations.compliance, name="compliance"),
    path(
        "coordination/compliance/export.<str:fmt>",
        regulations.compliance_export,
        name="compliance_export",
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
