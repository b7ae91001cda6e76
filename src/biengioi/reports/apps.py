from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The periodic border-work reports (6-month and annual): statistics computed from every
    other app's records, the drafted narrative, and the issued DOCX, XLSX annex and PDF. The top
    of the dependency graph: it reads every app, and no app imports it."""

    name = "biengioi.reports"
    label = "reports"
    verbose_name = _("Báo cáo định kỳ")
