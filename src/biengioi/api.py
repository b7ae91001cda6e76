"""The JSON API under /api/v1: one NinjaAPI, one router per app."""

from biengioi.accounts.api import router as accounts_router
from biengioi.accounts.auth import BearerToken, Session
from biengioi.audit.api import router as audit_router
from biengioi.community.emulation_api import router as emulation_router
from biengioi.community.programmes_api import router as programmes_router
from biengioi.community.propaganda_api import router as propaganda_router
from biengioi.community.teams_api import router as teams_router
from biengioi.community.training_api import router as training_router
from biengioi.community.twinning_api import router as twinning_router
from biengioi.coordination.budget_api import router as budget_router
from biengioi.coordination.conferences_api import router as conferences_router
from biengioi.coordination.documents_api import router as documents_router
from biengioi.coordination.exchanges_api import router as exchanges_router
from biengioi.coordination.regulations_api import router as regulations_router
from biengioi.coordination.talks_api import router as talks_router
from biengioi.core import api as core_api
from biengioi.geo.api import router as map_router
from biengioi.geo.track_api import router as tracks_router
from biengioi.notifications.api import router as notifications_router
from biengioi.operations.api import router as operations_router
from biengioi.operations.attachment_api import router as attachments_router
from biengioi.operations.crime_api import router as crime_router
from biengioi.operations.gate_api import router as gate_traffic_router
from biengioi.operations.handover_api import router as handovers_router
from biengioi.operations.incident_api import router as incidents_router
from biengioi.operations.repair_api import router as repairs_router
from biengioi.operations.rescue_api import router as rescue_router
from biengioi.registry.api import router as registry_router
from biengioi.reports.api import router as reports_router
from biengioi.search.api import router as search_router

api = core_api.Api(
    title="biengioi API",
    version="1",
    description="API của hệ thống thông tin công tác biên giới.",
    auth=[core_api.Gate(None)],
    urls_namespace="api",
    docs_url="/docs",
)
core_api.authenticators[:] = [BearerToken(), Session()]
core_api.install_error_handlers(api)
api.add_router("", accounts_router)
api.add_router("", registry_router)
api.add_router("", operations_router)
api.add_router("", incidents_router)
api.add_router("", attachments_router)
api.add_router("", tracks_router)
api.add_router("", crime_router)
api.add_router("", repairs_router)
api.add_router("", handovers_router)
api.add_router("", rescue_router)
api.add_router("", gate_traffic_router)
api.add_router("", teams_router)
api.add_router("", propaganda_router)
api.add_router("", training_router)
api.add_router("", programmes_router)
api.add_router("", twinning_router)
api.add_router("", emulation_router)
api.add_router("", conferences_router)
api.add_router("", talks_router)
api.add_router("", exchanges_router)
api.add_router("", regulations_router)
api.add_router("", budget_router)
api.add_router("", documents_router)
api.add_router("", notifications_router)
api.add_router("", reports_router)
api.add_router("", map_router)
api.add_router("", audit_router)
api.add_router("", search_router)
