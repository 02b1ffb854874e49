"""The migration steps that turn an append-only table into a hash-chained one.

``chain_operations`` adds the three chain columns, links the rows already there (in id
order per chain, with the append-only triggers let through for that step only) and adds
the one-row-per-position constraint.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

from pacte.core.chain import chain_unique, chains_backfill
from pacte.core.db_guard import maintenance


def _backfill(app_label: str, model_name: str, chain_field: str | None) -> Any:
    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        with maintenance(schema_editor.connection.alias):
            chains_backfill(model, chain_field)

    return forwards


def chain_operations(
    *, app_label: str, model_name: str, chain_field: str | None, constraint: str
) -> list[Any]:
    """Add ``seq``, ``prev_hash`` and ``row_hash`` to ``model_name``, link its rows, and
    add the unique (chain, seq) constraint named ``constraint``."""
    return [
        migrations.AddField(
            model_name=model_name,
            name="seq",
            field=models.PositiveBigIntegerField(
                default=0, editable=False, verbose_name="position in its chain"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model_name,
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="previous row's hash"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model_name,
            name="row_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="hash (SHA-256)"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(
            _backfill(app_label, model_name, chain_field), migrations.RunPython.noop
        ),
        migrations.AddConstraint(
            model_name=model_name, constraint=chain_unique(name=constraint, field=chain_field)
        ),
    ]
