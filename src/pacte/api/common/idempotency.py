"""Idempotent POSTs: the first response to a key is stored and replayed, never redone.

A request carrying ``Idempotency-Key`` is fingerprinted (method, path, body). The key
row is inserted first, in the same transaction as the work, so a concurrent duplicate
blocks on the unique (user, key) index (PostgreSQL) or on the write lock (SQLite),
then fails with IntegrityError and replays the committed response. A refused request
rolls back with its key row: nothing was done, the key may be used again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import QueryDict
from rest_framework.request import Request
from rest_framework.response import Response

from pacte.api.common.errors import ApiError, ConflictError, UnprocessableError
from pacte.api.models import IdempotencyKey
from pacte.core.errors import PacteError
from pacte.core.models import User

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255


class _KeyTakenError(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    status: int
    body: Any
    replayed: bool = False

    def response(self) -> Response:
        response = Response(self.body, status=self.status)
        if self.replayed:
            response[REPLAYED_HEADER] = "true"
        return response


def idempotency_key(request: Request) -> str | None:
    """The request's Idempotency-Key header, None if absent; PacteError if malformed."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise PacteError(
            ApiError.IDEMPOTENCY_KEY_INVALID,
            f"{HEADER} must be 1 to {MAX_KEY_LENGTH} printable ASCII characters.",
        )
    return key


def _canonical(value: Any) -> Any:
    """An uploaded file stands in the fingerprint as its name and content hash."""
    if isinstance(value, UploadedFile):
        digest = hashlib.sha256()
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return {"file": value.name, "sha256": digest.hexdigest()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def request_fingerprint(request: Request) -> str:
    """SHA-256 of the method, path and body (parsed, keys sorted: formatting is ignored;
    an uploaded file counts by its content)."""
    data = request.data
    if isinstance(data, QueryDict):
        body = {key: _canonical(values) for key, values in data.lists()}
    else:
        body = data
    canonical = json.dumps(
        [request.method, request.path, body], sort_keys=True, cls=DjangoJSONEncoder
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _stored(*, user: User, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(user=user, key=key).first()


def _replay(stored: IdempotencyKey, *, fingerprint: str) -> Outcome:
    if stored.request_hash != fingerprint or stored.response_status is None:
        raise UnprocessableError(
            ApiError.IDEMPOTENCY_KEY_REUSED,
            f"This {HEADER} was already used with a different request.",
        )
    return Outcome(status=stored.response_status, body=stored.response_body, replayed=True)


@transaction.atomic
def _perform_and_store(
    *, user: User, key: str, fingerprint: str, request: Request, perform: Callable[[], Outcome]
) -> Outcome:
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(
                user=user,
                key=key,
                request_hash=fingerprint,
                method=request.method or "",
                path=request.path[:300],
            )
    except IntegrityError as exc:
        raise _KeyTakenError from exc
    outcome = perform()
    row.response_status = outcome.status
    row.response_body = json.loads(json.dumps(outcome.body, cls=DjangoJSONEncoder))
    row.save(update_fields=["response_status", "response_body"])
    return outcome


def run_once(
    *, user: User, key: str | None, request: Request, perform: Callable[[], Outcome]
) -> Outcome:
    """Run ``perform`` once per (user, key); replay its stored outcome afterwards.

    Without a key, just runs ``perform``. Raises UnprocessableError (422) when
    the key was used for another request, ConflictError (409) when it cannot
    tell yet. Only successful outcomes are stored: a refusal raises and rolls back.
    """
    if key is None:
        return perform()
    fingerprint = request_fingerprint(request)
    for _attempt in range(2):
        stored = _stored(user=user, key=key)
        if stored is not None:
            return _replay(stored, fingerprint=fingerprint)
        try:
            return _perform_and_store(
                user=user, key=key, fingerprint=fingerprint, request=request, perform=perform
            )
        except _KeyTakenError:
            continue
    raise ConflictError(
        ApiError.IDEMPOTENCY_KEY_IN_USE, f"A request with this {HEADER} is in progress; retry."
    )
