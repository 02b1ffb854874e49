"""The access page endpoints.

- ``GET /api/access/``: public, no authentication: the latest publication (both
  languages), or 404 ``access_nothing_published``;
- ``GET /api/access/draft/``: the draft, for administrators, quality managers and
  auditors (anyone else: 404);
- ``POST /api/access/draft/publish/``: publish the draft (administrator only; the other
  readers get 403).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.access.errors import AccessError
from pacte.access.selectors import Page, access_draft, access_page
from pacte.access.services import page_publish
from pacte.api.access.serializers import DraftSerializer, PageSerializer
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import ErrorSerializer
from pacte.core import clock
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require

ERRORS = {
    401: "Not authenticated: send `Authorization: Token <key>` or a session cookie.",
    403: "Only an administrator may publish the access page.",
    404: "Nothing published yet (public page); or the draft is not for your role.",
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=ERRORS[code]) for code in statuses}


def _reader(request: Request) -> User:
    user = request_user(request)
    require(user, Action.ACCESS_PAGE_READ, NotFoundError(AccessError.NOT_FOUND, "Not found."))
    return user


class AccessPageView(APIView):
    permission_classes = (AllowAny,)
    authentication_classes = ()

    @extend_schema(
        operation_id="access_page",
        auth=[],
        responses={200: PageSerializer, **errors(404)},
        summary="The public access page: the latest publication, in French and English.",
    )
    def get(self, request: Request) -> Response:
        page = access_page(at=clock.now())
        if page is None:
            raise NotFoundError(AccessError.NOTHING_PUBLISHED, "Nothing is published yet.")
        return Response(PageSerializer(page).data)


class AccessDraftView(APIView):
    @extend_schema(
        operation_id="access_draft",
        responses={200: DraftSerializer, **errors(401, 404)},
        summary="The access page draft (administrators, quality managers, auditors).",
    )
    def get(self, request: Request) -> Response:
        _reader(request)
        return Response(DraftSerializer(access_draft()).data)


class AccessPublishView(APIView):
    @extend_schema(
        operation_id="access_publish",
        request=None,
        responses={201: PageSerializer, **errors(401, 403, 404)},
        summary="Publish the draft (administrator): the public page shows it from now on.",
    )
    def post(self, request: Request) -> Response:
        actor = _reader(request)
        publication = page_publish(actor=actor)
        page = Page(
            publication=publication,
            channels=list(publication.channels.order_by("order", "pk")),
            services=list(publication.services.order_by("order", "pk")),
        )
        return Response(PageSerializer(page).data, status=201)
