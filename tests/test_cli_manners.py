"""The command line's manners (ripgrep, git and sqlite-utils are the models): help and version everywhere,
one-line usage errors, colour only when wanted, quiet on a closed pipe, the index found from a sub-folder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_cli, write_seed_article


def run_search(*args: str, env=None):
    from click.testing import CliRunner

    from searchkit.cli import search_command

    return CliRunner().invoke(search_command, list(args), env=env, catch_exceptions=False)


def test_help_and_version_on_both_entry_points():
    assert run_search("-h").exit_code == 0 and "Search the news archive" in run_search("-h").stdout
    for result in (run_search("--version"), run_cli("--version")):
        assert result.exit_code == 0 and "version" in result.stdout
    assert "Index corpus files" in run_cli("index", "-h").stdout


@pytest.mark.parametrize("args", [("--nope",), ("index", "--nope"), ("--limit", "x", "oil")])
def test_usage_errors_are_one_line_with_exit_2(args):
    result = run_search(*args) if args[0] != "index" else run_cli(*args)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("searchkit: error: ") and "--help" in line
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr


def test_colour_only_on_request_or_a_terminal_without_no_color(seed_index):
    index = ["--index", str(seed_index)]
    piped = run_search("FATF", *index)
    assert "\x1b[" not in piped.stdout and "[FATF]" in piped.stdout
    forced = run_search("FATF", "--color", "always", *index)
    assert "\x1b[1mFATF\x1b[0m" in forced.stdout
    assert "\x1b[" not in run_search("FATF", "--color", "never", *index).stdout


def test_no_color_wins_on_a_terminal(seed_index):
    from searchkit.display import use_colour

    class Terminal:
        def isatty(self):
            return True

    assert use_colour("auto", Terminal()) is (not os.environ.get("NO_COLOR"))
    os.environ["NO_COLOR"] = "1"
    try:
        assert use_colour("auto", Terminal()) is False and use_colour("always", Terminal()) is True
    finally:
        del os.environ["NO_COLOR"]


def test_output_to_a_closed_pipe_ends_quietly_with_exit_0(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        write_seed_article(corpus, f"oil{n}", f"Oil story {n}", "Oil prices rose. " * 30)
    run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    command = f"{sys.executable} -m searchkit search oil --limit 40 --index {tmp_path / 'ix'} | head -1"
    shell = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True,
                           cwd=REPO, timeout=120)
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.count("\n") == 1
    assert "BrokenPipe" not in shell.stderr and "Exception" not in shell.stderr


def test_the_index_is_found_from_a_sub_folder_and_a_missing_one_is_explained(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "notes" / "deep").mkdir(parents=True)
    corpus = project / "corpus"
    corpus.mkdir()
    write_seed_article(corpus, "fatf", "FATF meets", "The FATF met in Paris.")
    monkeypatch.chdir(project)
    assert run_cli("index", str(corpus)).exit_code == 0  # builds ./index
    monkeypatch.chdir(project / "notes" / "deep")
    monkeypatch.delenv("SEARCHKIT_INDEX", raising=False)
    found = run_search("FATF")
    assert found.exit_code == 0 and "FATF meets" in found.stdout
    assert run_cli("stats").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    missing = run_cli("stats")
    assert missing.exit_code == 3
    [line] = missing.stderr.splitlines()
    assert f"looked for index/ in {elsewhere} and each folder above it" in line and "--index DIR" in line
    assert "SEARCHKIT_INDEX" in line
