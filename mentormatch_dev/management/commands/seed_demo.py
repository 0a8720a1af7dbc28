"""``manage.py seed_demo``: a demo programme of synthetic faculty with a round ready to run.

    manage.py seed_demo                  # 320 people, seed 2027 (safe to run again)
    manage.py seed_demo --reset          # delete the demo data first
    manage.py seed_demo --jsonl people.jsonl --people 500 --seed 7   # write records only

``--jsonl`` writes the generated person records (JSON Lines) without touching the database,
for trying the engine's command line on them; ``--role mentee`` or ``--role mentor`` keeps
the people taking part in that role (mentors carry their ``capacity``)::

    manage.py seed_demo --jsonl mentees.jsonl --role mentee
    manage.py seed_demo --jsonl mentors.jsonl --role mentor
    python -m mentormatch_engine match --mentees mentees.jsonl --mentors mentors.jsonl --out out/
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentormatch_dev.demo.generate import generate_people, write_jsonl
from mentormatch_dev.demo.seeding import DEMO_PASSWORD, demo_reset, demo_seed


class Command(BaseCommand):
    help = "Create demo faculty, profiles, a coordinator and a round ready to run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2027, help="random seed (default 2027)")
        parser.add_argument(
            "--people", type=int, default=320, help="generated faculty (default 320)"
        )
        parser.add_argument("--reset", action="store_true", help="delete the demo data first")
        parser.add_argument(
            "--jsonl", metavar="PATH", help="only write the person records to PATH (JSON Lines)"
        )
        parser.add_argument(
            "--role",
            choices=["mentee", "mentor"],
            help="with --jsonl: only the people who take part in this role",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["people"]
        if not 1 <= count <= 20_000:
            raise CommandError(f"--people must be between 1 and 20000, not {count}")
        if options["role"] and not options["jsonl"]:
            raise CommandError("--role goes with --jsonl")
        if options["jsonl"]:
            people = generate_people(seed=options["seed"], count=count)
            if options["role"]:
                # People in both roles must not be matched with themselves.
                people = [
                    {**p, "excluded": [p["id"]]} if len(p["roles"]) > 1 else p
                    for p in people
                    if options["role"] in p["roles"]
                ]
            try:
                written = write_jsonl(people, options["jsonl"])
            except OSError as exc:
                raise CommandError(f"Cannot write {options['jsonl']}: {exc.strerror}") from exc
            self.stdout.write(f"Wrote {written} person records to {options['jsonl']}")
            return
        if options["reset"]:
            removed = demo_reset()
            self.stdout.write(
                f"Removed the demo data: {removed['users']} people, {removed['rounds']} rounds, "
                f"{removed['mail']} e-mails."
            )
        summary = demo_seed(seed=options["seed"], people=count)
        self.stdout.write(
            f"Demo programme ready: {summary.people} people ({summary.created_users} new), "
            f"{summary.publications} publications."
        )
        self.stdout.write(
            f'Round "{summary.round_name}": {summary.mentees} mentees, {summary.mentors} '
            f"mentors, {summary.submitted} questionnaires submitted."
        )
        self.stdout.write(
            f'Closed round "{summary.history_name}": {summary.history_mentorships} mentorships.'
        )
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in summary.accounts:
            self.stdout.write(f"  {account.username:<12} {account.role:<12} {account.description}")
