"""Rows that are written once and never changed: event logs the indicators derive from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class AppendOnlyError(RuntimeError):
    """An append-only row was about to be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet[M]):
    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        """Insert as the ORM does, once the model has prepared the rows (a chained
        model links them: ``ChainedModel.rows_prepare``)."""
        rows = list(objs)
        prepare = getattr(self.model, "rows_prepare", None)
        if prepare is not None:
            prepare(rows)
        return super().bulk_create(rows, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model._meta.verbose_name} rows are append-only")


class AppendOnlyModel(models.Model):
    """A model whose rows can be inserted, never updated or deleted through the ORM."""

    objects: ClassVar[Any] = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only")

    @classmethod
    def rows_prepare(cls, rows: list[Any]) -> None:
        """Called by ``bulk_create`` before the rows are inserted; nothing to do here."""
