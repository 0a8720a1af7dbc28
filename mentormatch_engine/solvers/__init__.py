"""Assignment solvers over a :class:`~mentormatch_engine.graph.CandidateGraph`, chosen by name.

Each mode's solver takes the graph and the optimal solution (every mode keeps its number of
mentees matched, and the certificate always compares with the optimal-mode bound) and
returns a :class:`ModeResult`; ``assignment`` is ``(n,)`` mentor indices (-1 = unmatched).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.graph import CandidateGraph
from mentormatch_engine.solvers.fair import solve_fair
from mentormatch_engine.solvers.optimal import OptimalSolution, solve_optimal
from mentormatch_engine.solvers.stable import blocking_pairs, solve_stable


@dataclass(frozen=True)
class ModeResult:
    assignment: NDArray[np.int64]
    bottleneck: float | None = None  # "fair": the largest minimum score reached
    blocking: list[tuple[int, int]] = field(default_factory=list)  # "stable" only


def _optimal(g: CandidateGraph, opt: OptimalSolution) -> ModeResult:
    return ModeResult(opt.assignment)


def _fair(g: CandidateGraph, opt: OptimalSolution) -> ModeResult:
    assignment, bottleneck = solve_fair(g, opt.matched)
    return ModeResult(assignment, bottleneck=bottleneck)


def _stable(g: CandidateGraph, opt: OptimalSolution) -> ModeResult:
    assignment = solve_stable(g)
    return ModeResult(assignment, blocking=blocking_pairs(g, assignment))


ModeSolver = Callable[[CandidateGraph, OptimalSolution], ModeResult]

SOLVERS: dict[str, ModeSolver] = {"optimal": _optimal, "fair": _fair, "stable": _stable}


def get_solver(mode: str) -> ModeSolver:
    """The solver of ``mode``; ValueError naming the known modes otherwise."""
    try:
        return SOLVERS[mode]
    except (KeyError, TypeError):
        known = ", ".join(sorted(SOLVERS))
        raise ValueError(f"unknown mode {mode!r} (known modes: {known})") from None


def solve_mode(mode: str, g: CandidateGraph) -> tuple[OptimalSolution, ModeResult]:
    """The optimal solution (for the certificate) and ``mode``'s own result."""
    solver = get_solver(mode)
    opt = solve_optimal(g)
    return opt, solver(g, opt)


__all__ = [
    "SOLVERS",
    "ModeResult",
    "ModeSolver",
    "OptimalSolution",
    "blocking_pairs",
    "get_solver",
    "solve_fair",
    "solve_mode",
    "solve_optimal",
    "solve_stable",
]
