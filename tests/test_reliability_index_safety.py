"""Issue 7: a corrupt, foreign or untrusted index folder gives one clear line and exit 3, never a traceback;
`searchkit index --rebuild` (the fix every message suggests) then works; index folders are private.
"""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from searchkit.indexer import index_corpus
from searchkit.store import SourceSpec
from tests.conftest import restore_pristine, run_cli, save_pristine, write_seed_article

WORD = "archive"
REBUILD = "searchkit index --rebuild"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("safety")
    corpus, index_dir = root / "slot" / "corpus", root / "slot" / "index"
    corpus.mkdir(parents=True)
    for n in range(40):
        body = f"{WORD} item {n}. " + " ".join(f"word{(n * k) % 97} minister trade talks" for k in range(30))
        write_seed_article(corpus, f"a{n:03d}", f"Headline {n} about trade", body)
    index_corpus(index_dir, [SourceSpec(str(corpus))])
    save_pristine(root)
    return root


@pytest.fixture
def work(pristine) -> tuple[Path, Path]:
    """(corpus, index) of 40 articles, restored at the same path for each test."""
    return restore_pristine(pristine)


def generation(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text().strip()


def segment(index_dir: Path) -> Path:
    """The segment's term dictionary: segments are written non-compound, one file per part."""
    (seg,) = generation(index_dir).glob("*.trm")
    return seg


def assert_index_error(result, index_dir: Path, *needles: str) -> str:
    """Exit 3, and exactly one line on stderr: `searchkit: error: ...` naming the folder."""
    assert result.exit_code == 3, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("searchkit: error: "), lines[0]
    assert str(index_dir) in lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def search(index_dir: Path, *extra: str):
    return run_cli("search", WORD, "--index", str(index_dir), *extra)


# -- corrupt or foreign ----------------------------------------------------------------------------------


def truncate_segment(index_dir: Path) -> None:
    seg = segment(index_dir)
    os.truncate(seg, seg.stat().st_size // 2)


def garbage_segment(index_dir: Path) -> None:
    seg = segment(index_dir)
    seg.write_bytes(random.Random(1).randbytes(seg.stat().st_size))


def remove_toc(index_dir: Path) -> None:
    for toc in generation(index_dir).glob("*.toc"):
        toc.unlink()


def schema_version_changed_by(step: int):
    def change(index_dir: Path) -> None:
        meta_path = generation(index_dir) / "searchkit.json"
        meta = json.loads(meta_path.read_text())
        meta["schema_version"] += step
        meta_path.write_text(json.dumps(meta))

    return change


def garbage_meta(index_dir: Path) -> None:
    (generation(index_dir) / "searchkit.json").write_text("{not json")


def garbage_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_text("no such thing\n")


def binary_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_bytes(b"\xff\xfe\x00garbage\x1b[2J")


def empty_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_text("")


def escaping_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_text("gen-../../etc\n")


DAMAGE = {
    "truncated segment": truncate_segment,
    "garbage segment": garbage_segment,
    "missing TOC": remove_toc,
    "newer schema_version": schema_version_changed_by(+1),
    # an index built by an older searchkit (before phrases shared the stemmed fields) is never searched wrongly
    "older schema_version": schema_version_changed_by(-1),
    "garbage searchkit.json": garbage_meta,
    "garbage CURRENT": garbage_current,
    "binary CURRENT": binary_current,
    "empty CURRENT": empty_current,
    "CURRENT outside the folder": escaping_current,
}


# A damaged index is opened in a separate process: Whoosh leaves files open when it fails half-way, and
# the ResourceWarnings that follows are not what these tests are about (filterwarnings = error).
CLI_MANY = """
import json, sys, traceback
from click.testing import CliRunner
from searchkit.cli import main
out = []
for args in json.loads(sys.argv[1]):
    if isinstance(args, dict):  # {"copy": [source, target]}: replace a file between commands
        source, target = args["copy"]
        open(target, "wb").write(open(source, "rb").read())
        continue
    result = CliRunner().invoke(main, args)
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
    out.append({"code": result.exit_code, "stderr": result.stderr, "stdout": result.stdout, "crash": crash})
print(json.dumps(out))
"""


class Outcome:
    def __init__(self, raw: dict):
        self.exit_code, self.stderr, self.stdout = raw["code"], raw["stderr"], raw["stdout"]
        self.output = self.stdout + self.stderr + (raw["crash"] or "")


def cli_many(*commands: list[str]) -> list[Outcome]:
    """Run several CLI commands in one fresh process; tracebacks are reported in the outputs."""
    result = subprocess.run(
        [sys.executable, "-c", CLI_MANY, json.dumps(commands)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return [Outcome(raw) for raw in json.loads(result.stdout)]


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_index_is_reported_and_rebuild_repairs_it(work, damage):
    corpus, index_dir = work
    DAMAGE[damage](index_dir)
    where = ["--index", str(index_dir)]
    outcomes = cli_many(["search", WORD, *where], ["stats", *where], ["show", "a001", *where],
                        ["officials", *where], ["index", "-q", *where])
    for outcome in outcomes[:4]:
        line = assert_index_error(outcome, index_dir, REBUILD)
        assert "\x1b" not in line and "\x00" not in line
    # An ordinary index run must not make things worse: it refuses (exit 3) or repairs.
    updated = outcomes[4]
    assert updated.exit_code in (0, 3) and "Traceback" not in updated.output, updated.output
    if "schema_version" in damage:  # another format: updating it in place would mix two schemas
        assert_index_error(updated, index_dir, REBUILD)
    # `searchkit index --rebuild`, with the corpus named when the message asks for it, repairs the index.
    named = [str(corpus)] if "CORPUS" in outcomes[0].stderr else []
    rebuilt = run_cli("index", "--rebuild", *named, *where, "-q")
    assert rebuilt.exit_code == 0, rebuilt.output
    result = search(index_dir, "--json", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 40


def test_garbage_current_does_not_destroy_the_generations(work):
    """An unreadable CURRENT says nothing about which generation is live: no generation may be deleted."""
    _corpus, index_dir = work
    live = generation(index_dir)
    garbage_current(index_dir)
    run_cli("index", "--index", str(index_dir), "-q")
    assert live.is_dir()


def test_damage_inside_a_segment_never_gives_a_traceback(work, tmp_path):
    """Random bytes inside the segment (its directory intact): each search fails cleanly or still works."""
    _corpus, index_dir = work
    seg = segment(index_dir)
    original = seg.read_bytes()
    rng = random.Random(5)
    steps: list = []
    for start in range(0, len(original) - 400, max(1, len(original) // 16)):
        damaged = bytearray(original)
        damaged[start : start + 300] = rng.randbytes(300)
        variant = tmp_path / f"damaged-{start}.seg"
        variant.write_bytes(bytes(damaged))
        steps.append({"copy": [str(variant), str(seg)]})
        for args in ([WORD], [WORD, "--json"], ["minister", "--sort", "newest"], ["trade", "--from", "2018"]):
            steps.append(["search", *args, "--index", str(index_dir)])
    outcomes = iter(cli_many(*steps))
    for step in steps:
        if isinstance(step, dict):
            continue
        outcome = next(outcomes)
        assert outcome.exit_code in (0, 1, 3), (step, outcome.output)
        assert "Traceback" not in outcome.output, (step, outcome.output)
        if outcome.exit_code == 3:
            assert REBUILD in outcome.stderr


def test_folder_of_unrelated_files(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an index")
    (folder / "notes.txt").write_text("shopping list\n")
    assert_index_error(search(folder), folder, "not a searchkit index")
    # Nor is anything written there.
    result = run_cli("index", str(tmp_path / "photos" / "notes.txt"), "--index", str(folder))
    assert_index_error(result, folder, "not a searchkit index")
    assert sorted(p.name for p in folder.iterdir()) == ["holiday.jpg", "notes.txt"]


def test_index_path_that_is_a_file(tmp_path):
    path = tmp_path / "index"
    path.write_text("hello")
    assert_index_error(search(path), path, "not a folder")


def test_interrupted_first_build_is_explained(tmp_path):
    index_dir = tmp_path / "index"
    (index_dir / "gen-000001.building").mkdir(parents=True)
    result = search(index_dir)
    line = assert_index_error(result, index_dir)
    assert "searchkit index" in line


# -- trust -------------------------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_index_folders_are_private(work):
    _corpus, index_dir = work
    assert mode(index_dir) == 0o700
    assert mode(generation(index_dir)) == 0o700
    for path in [index_dir / "CURRENT", *generation(index_dir).iterdir()]:
        assert not mode(path) & (stat.S_IWGRP | stat.S_IWOTH), path


def test_index_built_under_a_permissive_umask_is_still_trusted(tmp_path):
    """With umask 002 (common with per-user groups) the files Whoosh writes must not become group-writable,
    or `search` would refuse the index it has just built."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_seed_article(corpus, "a", "Grain exports rise", f"{WORD} wheat shipments grew.")
    code = "import os, sys; os.umask(0o002); from searchkit.cli import main; main(sys.argv[1:])"
    for args in (["index", str(corpus)], ["index", "--rebuild"]):
        built = subprocess.run([sys.executable, "-c", code, *args, "--index", str(index_dir), "-q"],
                               capture_output=True, text=True, timeout=120)
        assert built.returncode == 0, built.stderr
        write_seed_article(corpus, "b", "Grain exports fall", f"{WORD} wheat shipments fell.")
    result = search(index_dir)
    assert result.exit_code == 0, result.output
    for path in [index_dir, *index_dir.rglob("*")]:
        if path.name != ".lock":
            assert not mode(path) & (stat.S_IWGRP | stat.S_IWOTH), path


@pytest.mark.parametrize("which", ["folder", "generation", "segment", "CURRENT"])
@pytest.mark.parametrize("bits", [stat.S_IWGRP, stat.S_IWOTH])
def test_writable_by_others_is_refused_unless_trusted(work, which, bits):
    _corpus, index_dir = work
    path = {
        "folder": index_dir,
        "generation": generation(index_dir),
        "segment": segment(index_dir),
        "CURRENT": index_dir / "CURRENT",
    }[which]
    path.chmod(mode(path) | bits)
    assert_index_error(search(index_dir), index_dir, "writable by group or others", "--trust-index")
    assert_index_error(run_cli("index", "--index", str(index_dir)), index_dir, "--trust-index")
    assert search(index_dir, "--trust-index").exit_code == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
@pytest.mark.parametrize("which", ["folder", "segment"])
def test_owned_by_another_user_is_refused_unless_trusted(work, which):
    _corpus, index_dir = work
    path = index_dir if which == "folder" else segment(index_dir)
    os.chown(path, 65534, 65534)
    assert_index_error(search(index_dir), index_dir, "owned by another user", "--trust-index")
    assert search(index_dir, "--trust-index").exit_code == 0
