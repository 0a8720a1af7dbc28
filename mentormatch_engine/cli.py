"""Command line: ``mentormatch-engine {affinity,assign,match}`` (also ``python -m
mentormatch_engine``).  Bad input exits with status 2 and one line naming file, line and
problem."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mentormatch_engine.certificate import certify
from mentormatch_engine.csv_io import read_assign_inputs
from mentormatch_engine.graph import CandidateGraph, Encoder
from mentormatch_engine.interface import Certificate, MatchResult
from mentormatch_engine.solvers import SOLVERS, solve_mode

# `affinity` and `match` import the text and embedding stack; `assign` needs none of it, so
# those commands import it when they run (a whole `assign` process starts faster)

__all__ = ["main"]

PROG = "mentormatch-engine"


class _Bars:
    """progress(step, fraction) -> one tqdm bar per step on stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict[str, Any] = {}

    def __call__(self, step: str, fraction: float) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(step)
        if bar is None:
            bar = tqdm(
                total=1000,
                desc=step,
                file=sys.stderr,
                leave=False,
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}",
            )
            self.bars[step] = bar
        target = round(1000 * min(max(fraction, 0.0), 1.0))
        if target > bar.n:
            bar.update(target - bar.n)
        if target >= 1000:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _certificate_line(c: Certificate) -> str:
    return (
        f"matched={c.matched} objective={c.objective:.6f} "
        f"upper_bound={c.upper_bound:.6f} gap={100 * c.gap:.4f}%"
    )


def cmd_affinity(args: argparse.Namespace, progress: Callable[[str, float], None]) -> int:
    from mentormatch_engine.affinity import AffinityModel, AffinitySettings
    from mentormatch_engine.records import read_person_records

    mentees = read_person_records(args.mentees)
    mentors = read_person_records(args.mentors)
    model = AffinityModel(
        mentees,
        mentors,
        AffinitySettings(method=args.method, embedding_weight=args.embedding_weight),
        cache_dir=args.cache_dir,
        progress=progress,
    )
    n, m = len(mentees), len(mentors)
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["mentee_id", "mentor_id", "score"])
        step = max(1, 2_000_000 // max(m, 1))
        for start in range(0, n, step):
            rows = np.arange(start, min(n, start + step), dtype=np.int64)
            blk = model.block(rows)
            for r, i in enumerate(rows.tolist()):
                mid = mentees[i].id
                w.writerows((mid, mentors[j].id, f"{blk[r, j]:.6f}") for j in range(m))
            progress("writing scores", min(1.0, (start + step) / max(n, 1)))
    print(f"wrote {n * m} pairs ({model.method}) to {args.out}", file=sys.stderr)
    return 0


def cmd_assign(args: argparse.Namespace, progress: Callable[[str, float], None]) -> int:
    inp = read_assign_inputs(args.scores, args.mentors)
    enc = Encoder(tuple(inp.mentee_ids), tuple(inp.mentor_ids))
    n, m = len(inp.mentee_ids), len(inp.mentor_ids)
    if args.mode == "stable":
        # deferred acceptance walks each mentee's list in score order
        g = CandidateGraph.from_edges(n, m, inp.capacity, inp.row, inp.col, inp.score)
    else:
        # the flow solver and the certificate take the edges in any order: no sort, no copy
        g = CandidateGraph(n, m, inp.capacity, inp.row, inp.col, inp.score, complete=True)
    progress("assignment", 0.0)
    opt, res = solve_mode(args.mode, g)
    assignment = res.assignment
    progress("assignment", 1.0)
    cert = certify(g, assignment, opt)
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["mentee_id", "mentor_id"])
        mentor_of = [*enc.mentor_ids, ""]  # index -1 -> unmatched
        w.writerows(zip(enc.mentee_ids, [mentor_of[a] for a in assignment.tolist()], strict=True))
    print(f"mode={args.mode} mentees={g.n} mentors={g.m} " + _certificate_line(cert))
    if args.mode == "stable":
        print(f"blocking_pairs={len(res.blocking)}")
    return 0


def _topics(entry_topics: Sequence[Any]) -> str:
    return "; ".join(f"{t.term}:{t.weight:.3f}" for t in entry_topics)


def write_result(result: MatchResult, out: Path, config_dict: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    score_of = {
        mid: next((e.score for e in entries if e.assigned), None)
        for mid, entries in result.shortlists.items()
    }
    with open(out / "assignment.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["mentee_id", "mentor_id", "score"])
        for mid, mentor in result.assignment.items():
            s = score_of.get(mid)
            w.writerow([mid, mentor or "", "" if s is None else f"{s:.6f}"])
    part_keys: list[str] = []
    for entries in result.shortlists.values():
        for e in entries:
            for k in e.parts:
                if k not in part_keys:
                    part_keys.append(k)
    with open(out / "shortlists.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "mentee_id",
                "rank",
                "mentor_id",
                "score",
                "assigned",
                *part_keys,
                "shared_topics",
                "preferences_met",
            ]
        )
        for mid, entries in result.shortlists.items():
            for e in entries:
                w.writerow(
                    [
                        mid,
                        e.rank,
                        e.mentor_id,
                        f"{e.score:.6f}",
                        int(e.assigned),
                        *[f"{e.parts.get(k, 0.0):.6f}" for k in part_keys],
                        _topics(e.shared_topics),
                        "; ".join(e.preferences_met),
                    ]
                )
    js = {
        mid: [
            {
                "rank": e.rank,
                "mentor_id": e.mentor_id,
                "score": e.score,
                "assigned": e.assigned,
                "parts": dict(e.parts),
                "shared_topics": [{"term": t.term, "weight": t.weight} for t in e.shared_topics],
                "preferences_met": list(e.preferences_met),
            }
            for e in entries
        ]
        for mid, entries in result.shortlists.items()
    }
    (out / "shortlists.json").write_text(json.dumps(js, indent=1) + "\n", encoding="utf-8")
    c = result.certificate
    summary = {
        **result.summary,
        "certificate": {
            "matched": c.matched,
            "objective": c.objective,
            "upper_bound": c.upper_bound,
            "gap": c.gap,
        },
        "blocking_pairs": [list(p) for p in result.blocking_pairs],
        "config": config_dict,
    }
    (out / "summary.json").write_text(
        json.dumps(summary, indent=1, default=str) + "\n", encoding="utf-8"
    )


def cmd_match(args: argparse.Namespace, progress: Callable[[str, float], None]) -> int:
    from mentormatch_engine.config_file import config_to_dict, read_config
    from mentormatch_engine.pipeline import match
    from mentormatch_engine.records import read_participants

    config = read_config(args.config) if args.config else None
    from mentormatch_engine.interface import MatchConfig

    cfg = config or MatchConfig()
    mentees = read_participants(args.mentees)
    mentors = read_participants(args.mentors)
    result = match(mentees, mentors, cfg, progress=progress, cache_dir=args.cache_dir)
    write_result(result, Path(args.out), config_to_dict(cfg))
    print(
        f"mode={cfg.mode} mentees={len(mentees)} mentors={len(mentors)} "
        + _certificate_line(result.certificate)
    )
    print(f"wrote assignment.csv, shortlists.csv, shortlists.json, summary.json to {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description="MentorMatch matching engine")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("affinity", help="affinity score of every mentee-mentor pair")
    a.add_argument("--mentees", required=True, help="person records, JSON Lines")
    a.add_argument("--mentors", required=True, help="person records, JSON Lines")
    a.add_argument("--out", required=True, help="CSV: mentee_id,mentor_id,score")
    a.add_argument(
        "--method", default="auto", choices=["auto", "lexical", "embedding", "blend", "bm25"]
    )
    a.add_argument("--embedding-weight", type=float, default=0.5)
    a.add_argument("--cache-dir", default=None, help="embedding cache directory")
    s = sub.add_parser("assign", help="optimal assignment from a score table")
    s.add_argument("--scores", required=True, help="CSV mentee_id,mentor_id,score (allowed pairs)")
    s.add_argument("--mentors", required=True, help="CSV mentor_id,capacity")
    s.add_argument("--out", required=True, help="CSV mentee_id,mentor_id")
    s.add_argument("--mode", default="optimal", choices=list(SOLVERS))
    mt = sub.add_parser("match", help="whole pipeline from person records")
    mt.add_argument("--mentees", required=True, help="participants, JSON Lines")
    mt.add_argument(
        "--mentors",
        required=True,
        help="participants, JSON Lines (optional capacity, answers, excluded)",
    )
    mt.add_argument("--config", default=None, help="TOML config (see docs/engine.md)")
    mt.add_argument("--out", required=True, help="output directory")
    mt.add_argument("--cache-dir", default=None, help="embedding cache directory")
    for sp in (a, s, mt):
        sp.add_argument(
            "--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress bars"
        )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    bars = _Bars(enabled=not args.quiet)
    commands = {"affinity": cmd_affinity, "assign": cmd_assign, "match": cmd_match}
    try:
        return commands[args.command](args, bars)
    except ValueError as exc:
        bars.close()
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        bars.close()
        name = exc.filename if exc.filename is not None else ""
        print(f"{PROG}: error: {name}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        bars.close()


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
