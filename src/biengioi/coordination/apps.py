from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "biengioi.coordination"
    label = "coordination"
    verbose_name = _("Phối hợp, chế độ báo cáo, hội nghị")

    def ready(self) -> None:
        from biengioi.notifications.scheduler import register

        from .reminders import submission_reminders, task_reminders

        register("coordination.tasks", task_reminders)
        register("coordination.submissions", submission_reminders)
