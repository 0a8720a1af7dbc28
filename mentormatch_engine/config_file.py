"""The ``match`` command's TOML configuration file.

All keys are optional::

    mode = "optimal"            # "optimal", "fair" or "stable"
    seed = 0
    shortlist_size = 3
    min_rank_gap = 1
    rank_order = ["Instructor", "Assistant Professor", "Associate Professor", "Professor"]
    affinity_weight = 1.0
    affinity_method = "auto"    # "auto", "lexical", "embedding", "blend", "bm25"
    embedding_weight = 0.5
    candidates_per_mentee = 0   # 0 = automatic
    shared_topics = 5
    full_bound = false          # true: exact bound pass when candidate lists are truncated

    [[criteria]]                # one table per criterion (see interface.Criterion)
    key = "areas"
    kind = "overlap"            # "overlap", "same", "department", "attribute"
    mentee_question = "areas_wanted"
    mentor_question = "areas_offered"
    role = "weighted"           # or "hard"
    weight = 0.5
    label = "Mentoring areas"
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from typing import Any

from mentormatch_engine.interface import Criterion, MatchConfig
from mentormatch_engine.rules import validate_config

__all__ = ["ConfigError", "config_from_dict", "read_config"]


class ConfigError(ValueError):
    pass


_TYPES: dict[str, type | tuple[type, ...]] = {
    "mode": str,
    "seed": int,
    "shortlist_size": int,
    "min_rank_gap": int,
    "rank_order": list,
    "affinity_weight": (int, float),
    "affinity_method": str,
    "embedding_weight": (int, float),
    "candidates_per_mentee": int,
    "shared_topics": int,
    "full_bound": bool,
    "criteria": list,
}
_CRIT_TYPES: dict[str, type | tuple[type, ...]] = {
    "key": str,
    "kind": str,
    "mentee_question": str,
    "mentor_question": str,
    "role": str,
    "weight": (int, float),
    "label": str,
}


def _check(name: str, value: object, typ: type | tuple[type, ...], where: str) -> None:
    if (isinstance(value, bool) and typ is not bool) or not isinstance(value, typ):
        raise ConfigError(f"{where}: '{name}' has the wrong type ({type(value).__name__})")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}: '{name}' must be a finite number")


def _checked_keys(
    table: dict[str, Any], types: dict[str, type | tuple[type, ...]], where: str
) -> dict[str, Any]:
    """``table`` itself, after checking that every key is known and every value's type."""
    for key, value in table.items():
        if key not in types:
            raise ConfigError(f"{where}: unknown key '{key}'")
        _check(key, value, types[key], where)
    return dict(table)


def _criterion_from_dict(c: object, where: str) -> Criterion:
    if not isinstance(c, dict):
        raise ConfigError(f"{where}: must be a table")
    c = _checked_keys(c, _CRIT_TYPES, where)
    for req in ("key", "kind", "mentee_question"):
        if req not in c:
            raise ConfigError(f"{where}: missing '{req}'")
    if "weight" in c:
        c["weight"] = float(c["weight"])
    return Criterion(**c)


def _check_method_and_weight(cfg: MatchConfig, where: str) -> None:
    try:
        validate_config(cfg)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    if cfg.affinity_method not in ("auto", "lexical", "embedding", "blend", "bm25"):
        raise ConfigError(f"{where}: unknown affinity_method {cfg.affinity_method!r}")
    if not 0.0 <= cfg.embedding_weight <= 1.0:
        raise ConfigError(f"{where}: embedding_weight must be in [0, 1]")


def config_from_dict(d: dict[str, Any], *, where: str = "config") -> MatchConfig:
    kwargs = _checked_keys(d, _TYPES, where)
    if "rank_order" in kwargs:
        if not all(isinstance(r, str) for r in kwargs["rank_order"]):
            raise ConfigError(f"{where}: 'rank_order' must be a list of strings")
        kwargs["rank_order"] = tuple(kwargs["rank_order"])
    kwargs["criteria"] = tuple(
        _criterion_from_dict(c, f"{where}: criteria #{n}")
        for n, c in enumerate(kwargs.pop("criteria", []), start=1)
    )
    for f in ("affinity_weight", "embedding_weight"):
        if f in kwargs:
            kwargs[f] = float(kwargs[f])
    cfg = MatchConfig(**kwargs)
    _check_method_and_weight(cfg, where)
    return cfg


def read_config(path: str | os.PathLike[str]) -> MatchConfig:
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML ({exc})") from None
    return config_from_dict(data, where=name)


def config_to_dict(cfg: MatchConfig) -> dict[str, Any]:
    d = dataclasses.asdict(cfg)
    d["rank_order"] = list(cfg.rank_order)
    d["criteria"] = [dataclasses.asdict(c) for c in cfg.criteria]
    return d
