"""Settings read from the environment: the ``key=value`` map."""

from __future__ import annotations

import pytest

from pacte.config.env import ConfigurationError, env_map


def test_env_map_reads_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTE_X", " 222=directory , 0800100200=distributor")
    assert env_map("PACTE_X", {}) == {"222": "directory", "0800100200": "distributor"}


def test_env_map_default_when_unset_or_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PACTE_X", raising=False)
    assert env_map("PACTE_X", {"222": "directory"}) == {"222": "directory"}
    monkeypatch.setenv("PACTE_X", "  ")
    assert env_map("PACTE_X", {"1": "a"}) == {"1": "a"}


@pytest.mark.parametrize("raw", ["222", "=directory", "222=", "222=directory,oops"])
def test_env_map_refuses_a_pair_without_key_or_value(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("PACTE_X", raw)
    with pytest.raises(ConfigurationError, match="PACTE_X"):
        env_map("PACTE_X", {})
