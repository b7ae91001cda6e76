from datetime import datetime

from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from biengioi.core.access import PERMISSIONS, Role
from biengioi.core.api import AuthedRequest, In, Line, Page, PageQuery, paginate, perm
from biengioi.core.idempotency import once
from biengioi.core.search import MAX_LENGTH

from . import selectors, services
from .models import ApiToken, User

router = Router(tags=["accounts"])


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    role: Role
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    is_active: bool


class MeOut(UserOut):
    permissions: list[str]

    @staticmethod
    def resolve_permissions(obj: User) -> list[str]:
        return sorted(a for a, roles in PERMISSIONS.items() if obj.role in roles)


class UserCreate(In):
    username: Line = Field(max_length=150)
    password: str = Field(min_length=1, max_length=256)
    unit_id: int
    role: Role
    full_name: Line = Field("", max_length=150)
    email: Line = Field("", max_length=254)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "username": "dbp.huonglap",
                    "password": "Chu-quyen-bien-gioi-2025",
                    "unit_id": 1,
                    "role": "field_officer",
                    "full_name": "Nguyễn Văn An",
                }
            ]
        },
    )


class UserUpdate(In):
    full_name: Line | None = Field(None, max_length=150)
    email: Line | None = Field(None, max_length=254)
    role: Role | None = None
    unit_id: int | None = None
    is_active: bool | None = None

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"full_name": "Trần Thị Bình"}]}
    )


class UserFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    role: Role | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    is_active: bool


class TokenCreated(TokenOut):
    token: str


class TokenCreate(In):
    name: Line = Field(max_length=100)
    days: int | None = Field(None, ge=1, le=366)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "báo cáo tự động", "days": 30}]}
    )


@router.get("/me", response=MeOut, **perm(None))
def me(request: AuthedRequest) -> User:
    return request.auth


@router.get("/users", response=Page[UserOut], **perm("user.view"))
def list_users(request: AuthedRequest, filters: Query[UserFilter]) -> dict:
    users = selectors.user_list(actor=request.auth, q=filters.q, role=filters.role or "")
    return paginate(users, filters.page, filters.size)


@router.get("/users/{int:user_id}", response=UserOut, **perm("user.view"))
def get_user(request: AuthedRequest, user_id: int) -> User:
    return selectors.user_get(actor=request.auth, user_id=user_id)


@router.post("/users", response={201: UserOut, 200: UserOut}, **perm("user.manage"))
def create_user(request: AuthedRequest, payload: UserCreate) -> Status:
    user, created = once(
        request,
        request.auth.pk,
        lambda: services.user_create(actor=request.auth, **payload.model_dump()),
        User,
    )
    return Status(201 if created else 200, user)


@router.patch("/users/{int:user_id}", response=UserOut, **perm("user.manage"))
def update_user(request: AuthedRequest, user_id: int, payload: UserUpdate) -> User:
    return services.user_update(
        actor=request.auth, user_id=user_id, **payload.model_dump(exclude_unset=True)
    )


@router.get("/tokens", response=list[TokenOut], **perm("token.manage"))
def list_tokens(request: AuthedRequest) -> list[ApiToken]:
    return list(selectors.token_list(actor=request.auth))


@router.post("/tokens", response={201: TokenCreated}, **perm("token.manage"))
def create_token(request: AuthedRequest, payload: TokenCreate) -> Status:
    """The token is in this answer only; keep it, it cannot be shown again."""
    token, plain = services.token_create(
        actor=request.auth, user=request.auth, name=payload.name, days=payload.days
    )
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": plain})


@router.delete("/tokens/{int:token_id}", response=TokenOut, **perm("token.manage"))
def revoke_token(request: AuthedRequest, token_id: int) -> ApiToken:
    return services.token_revoke(actor=request.auth, token_id=token_id)
