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
        """Insert as the ORM does; the rows of a chained model are linked first."""
        from pacte.core.chain import ChainedModel, chain_link

        rows = list(objs)
        chained = [row for row in rows if isinstance(row, ChainedModel) and not row.row_hash]
        chain_link(chained)
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
