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


# -- the README's commands and input fields ------------------------------------------
def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def readme_commands() -> list[list[str]]:
    """Every `wirecoder` command of the README's shell blocks, as argv (comments,
    redirections and the pipe before it left out)."""
    import shlex

    commands = []
    for block in readme_blocks("sh"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if ".venv/bin/wirecoder" not in words:
                continue
            words = words[words.index(".venv/bin/wirecoder") + 1:]
            commands.append(words[:next((i for i, w in enumerate(words) if w in (">", "|", "2>")), len(words))])
    return commands


def test_every_readme_command_parses_as_written():
    commands = readme_commands()
    assert len(commands) >= 20 and ["stories", "--rebuild"] in commands
    for argv in commands:
        cli._parser().parse_args(argv)  # a usage error raises E016


def test_the_input_fields_table_lists_every_field_column_and_option():
    from wirecoder.readers import INPUT_FIELDS
    from wirecoder.readers.table import HEADER_NAMES, OPTIONS

    rows = {line.split("|")[1].strip(): line for line in README.splitlines() if line.startswith("| ")}
    for field in INPUT_FIELDS:
        assert f"`{field}`" in rows[field], field
    for role, names in HEADER_NAMES.items():
        assert ", ".join(f"`{name}`" for name in names) in rows[role], role
        assert f"`{OPTIONS[role]}`" in rows[role], role
