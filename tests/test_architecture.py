"""The import graph follows the layers in ``tests/architecture.py`` (drawn in ARCHITECTURE.md)."""

from __future__ import annotations

from pathlib import Path

from tests import architecture as arch


def _violations_of(app: str, source: str, name: str = "services.py") -> list[str]:
    path = arch.APPS_DIR / app / name
    return [
        str(v.message)
        for imp in arch.imports_in(path, source)
        if (v := arch.check_app_import(app, imp))
    ]


def test_no_app_imports_a_higher_layer_or_a_sibling() -> None:
    assert [str(v) for v in arch.app_violations()] == []


def test_every_app_has_a_layer() -> None:
    assert set(arch.app_dirs()) == set(arch.LAYER_OF)


def test_the_engine_never_imports_django_or_the_site() -> None:
    assert [str(v) for v in arch.engine_violations()] == []


def test_settings_read_sign_in_configuration_inside_config() -> None:
    assert [str(v) for v in arch.settings_violations()] == []


def test_an_upward_import_is_refused() -> None:
    assert _violations_of("rounds", "from mentormatch.mentorships.models import Mentorship\n") == [
        "rounds imports mentorships, a higher layer"
    ]


def test_a_sibling_import_is_refused() -> None:
    assert _violations_of("directory", "from mentormatch.questionnaire import selectors\n") == [
        "directory imports questionnaire, its sibling in a layer"
    ]


def test_a_function_local_import_of_another_app_is_refused_outside_apps_py() -> None:
    source = "def f():\n    from mentormatch.rounds.models import Round\n"
    assert _violations_of("matching", source) == [
        "function-local import of mentormatch.rounds.models: import it at the top of the module"
    ]
    assert _violations_of("matching", source, name="apps.py") == []


def test_downward_imports_and_the_engine_are_allowed() -> None:
    source = (
        "from mentormatch.rounds.models import Round\n"
        "from mentormatch.core.links import absolute_url\n"
        "import mentormatch_engine\n"
        "from mentormatch.mentorships import selectors\n"
    )
    assert _violations_of("mentorships", source) == []


def test_the_site_never_imports_the_development_tools() -> None:
    assert _violations_of("home", "from mentormatch_dev.demo import seeding\n") == [
        "the site never imports the development tools"
    ]


def test_tests_and_migrations_are_not_held_to_the_layers() -> None:
    files = {p.relative_to(arch.APPS_DIR) for p in arch.source_files(arch.APPS_DIR)}
    assert not any({"tests", "migrations"} & set(Path(f).parts) for f in files)
    assert Path("rounds/services.py") in files
