"""Assignment solvers over a :class:`~mentormatch_engine.graph.CandidateGraph`.

Each solver returns an ``assignment`` array ``(n,)`` of mentor indices (-1 = unmatched)."""

from mentormatch_engine.solvers.fair import solve_fair
from mentormatch_engine.solvers.optimal import OptimalSolution, solve_optimal
from mentormatch_engine.solvers.stable import blocking_pairs, solve_stable

SOLVERS = ("optimal", "fair", "stable")

__all__ = [
    "SOLVERS",
    "OptimalSolution",
    "blocking_pairs",
    "solve_fair",
    "solve_optimal",
    "solve_stable",
]
