"""Docs that cannot drift: settings, commands and exit codes are documented."""

import re
from pathlib import Path

from wirecoder import cli
from wirecoder.errors import E
from wirecoder.settings import SETTINGS, markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_settings_doc_is_generated_from_the_code():
    assert (ROOT / "docs" / "settings.md").read_text() == markdown(), "run `make docs`"
    for setting in SETTINGS:
        assert setting.env in markdown()


def test_readme_has_the_two_commands():
    assert "make demo" in README and "make test" in README


def test_every_command_is_in_the_readme():
    commands = cli._parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"wirecoder {name}" in README or name in ("setup", "demo"), name


def test_exit_codes_are_documented_in_readme_and_help():
    for code in range(6):
        assert re.search(rf"\| {code} \|", README), code
        assert f"  {code}  " in cli.EXIT_CODES


def test_every_error_says_how_to_fix_it():
    for code in E:
        template, fix, exit_code, status = code.value
        assert fix and exit_code in (1, 2, 3, 4, 5) and 400 <= status < 600
