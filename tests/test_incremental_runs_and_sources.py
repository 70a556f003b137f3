"""Undated text articles, quiet incremental runs, `searchkit sources` and `index --forget`, on corpora written here."""

from __future__ import annotations

import json

from searchkit import SearchEngine
from tests.conftest import run_cli, write_seed_article

TAG_LIST = "\n".join(["acq", "alum", "barley", "bop", "carcass", "cocoa", "coffee", "copper"]) + "\n"


def index(*args: str):
    result = run_cli("index", *args)
    assert result.exit_code == 0, result.stderr
    return result


def make_corpus(folder):
    folder.mkdir()
    write_seed_article(folder, "dated", "Wheat exports rise", "Wheat shipments grew in March.")
    (folder / "undated.txt").write_text(
        "Farmers brace for a dry summer\n\nGrowers across the plains said the wheat crop needs rain soon, "
        "and prices rose on the news.\n\nTraders expect more volatility.\n", encoding="utf-8")
    (folder / "README.txt").write_text("About this collection\n\nThese files come from a newswire.\n")
    (folder / "LICENSE.txt").write_text("MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, "
                                        "free of charge, to any person obtaining a copy of this software.\n")
    (folder / "all-topics-strings.lc.txt").write_text(TAG_LIST)
    return folder


def test_an_undated_text_article_is_indexed_as_undated(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    result = index(str(corpus), "--index", str(tmp_path / "ix"))
    assert result.stdout.startswith("2 added")
    with SearchEngine(tmp_path / "ix") as engine:
        undated = engine.search("wheat", undated=True)
        assert [hit.headline for hit in undated.hits] == ["Farmers brace for a dry summer"]
        assert undated.hits[0].published is None
        assert engine.get("undated").body.startswith("Growers across the plains")
    for name in ("README.txt", "LICENSE.txt", "all-topics-strings.lc.txt"):
        assert f"{corpus / name}: a README, licence or list, not a news article; ignored" in result.stderr


def test_a_second_run_with_nothing_changed_says_one_line_and_no_warnings(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    first = index(str(corpus), "--index", str(tmp_path / "ix"))
    assert first.stderr.count("warning:") == 3
    assert "3 files ignored (not articles; --verbose lists them)" in first.stdout
    again = index("--index", str(tmp_path / "ix"))
    assert again.stderr == ""
    assert again.stdout.splitlines() == [again.stdout.strip()]
    assert again.stdout.startswith("nothing changed: 0 added") and "3 files ignored" in again.stdout
    verbose = index("--index", str(tmp_path / "ix"), "--verbose")
    assert verbose.stderr.count("ignored: ") == 3 and "warning" not in verbose.stderr
    (corpus / "NOTES.txt").write_text("x\ny\nz\n")  # a new non-article is reported once, when first seen
    assert index("--index", str(tmp_path / "ix")).stderr.count("warning:") == 1
    assert index("--index", str(tmp_path / "ix")).stderr == ""


def test_sources_lists_what_is_remembered_and_forget_removes_a_source(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "1", "title": "Rice", "body": "Rice exports."}) + "\n")
    ix = str(tmp_path / "ix")
    index(str(corpus), str(feed), "--index", ix)
    listed = run_cli("sources", "--index", ix)
    assert listed.exit_code == 0
    assert [line.split() for line in listed.stdout.splitlines()] == [["2", str(corpus)], ["1", str(feed)]]
    forgot = index("--forget", "feed.jsonl", "--index", ix)
    assert forgot.stdout.startswith("0 added, 0 updated, 1 removed")
    assert [row["path"] for row in json.loads(run_cli("sources", "--json", "--index", ix).stdout)] == [str(corpus)]
    with SearchEngine(ix) as engine:
        assert engine.search("rice").total == 0 and engine.stats().articles == 2
    assert index("--index", ix).stdout.startswith("nothing changed")  # the forgotten source stays forgotten
    unknown = run_cli("index", "--forget", "nope", "--index", ix)
    assert unknown.exit_code == 2 and f"--forget 'nope': not a remembered source (remembered: {corpus})" in (
        unknown.stderr)


def test_a_skip_message_never_lands_on_the_progress_bar_line(tmp_path):
    import contextlib
    import os
    import pty
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        write_seed_article(corpus, f"story{n}", f"Story {n}", f"Wheat story number {n}.")
    (corpus / "story1b.txt").write_bytes(b"")  # read (and skipped) while the bar is on screen
    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "searchkit", "index", str(corpus), "--index", str(tmp_path / "ix")]
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=120)
    os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(controller, 4096):
            shown += chunk
    os.close(controller)
    assert process.returncode == 0 and b"indexing files" in shown
    before = shown[: shown.index(b"skipped: ")]
    assert before.endswith(b"\r\x1b[K"), before[-80:]  # the bar's line is cleared before the message
