"""``python -m service`` as a real subprocess against a temporary data directory."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import build_parser, main
from tests.conftest import CORPUS_DIR, CORPUS_IDS, copy_corpus, subprocess_env

RESULT_LINE = re.compile(r"^(\d+)\. ([a-z0-9-]+) \[(\d+):(\d+)\] score=([\d.]+) similarity=(-?[\d.]+)$")


def run_cli(*args: str, cwd: Path, **newsdesk: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service", *args],
        cwd=cwd,
        env=subprocess_env(**newsdesk),
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A corpus copy ingested by the CLI itself; NEWSDESK_* values for further commands."""
    root = tmp_path_factory.mktemp("cli")
    env = {"corpus_dir": str(copy_corpus(root / "corpus")), "data_dir": str(root / "data")}
    done = run_cli("ingest", cwd=root, **env)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"5 article\(s\) embedded \(\d+ chunks\), 0 unchanged, 0 removed\n", done.stdout)
    return env


@pytest.mark.slow
def test_search_prints_ranked_chunks_with_offsets(cli_data: dict[str, str], tmp_path: Path) -> None:
    done = run_cli("search", "How many sappers will North Korea send?", "-k", "4", cwd=tmp_path, **cli_data)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    results = [m for line in lines if (m := RESULT_LINE.match(line))]
    assert [int(m.group(1)) for m in results] == [1, 2, 3, 4]
    scores = [float(m.group(5)) for m in results]
    assert scores == sorted(scores, reverse=True)
    bodies = {p.stem: p for p in CORPUS_DIR.glob("*.md")}
    for m in results:
        article_id, start, end = m.group(2), int(m.group(3)), int(m.group(4))
        assert article_id in CORPUS_IDS
        text = bodies[article_id].read_text("utf-8").split("\n---\n", 1)[1].strip()
        snippet = lines[lines.index(m.group(0)) + 2].strip()
        assert text[start:end].replace("\n", " ").startswith(snippet.removesuffix("…")[:200])
    assert "1,000" in done.stdout


@pytest.mark.slow
def test_search_article_filter(cli_data: dict[str, str], tmp_path: Path) -> None:
    done = run_cli("search", "sappers", "--article", "goremykin-talks-pyongyang", cwd=tmp_path, **cli_data)
    assert done.returncode == 0, done.stderr
    ids = {m.group(2) for line in done.stdout.splitlines() if (m := RESULT_LINE.match(line))}
    assert ids == {"goremykin-talks-pyongyang"}


@pytest.mark.slow
def test_second_ingest_embeds_nothing(cli_data: dict[str, str], tmp_path: Path) -> None:
    done = run_cli("ingest", cwd=tmp_path, **cli_data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "index up to date: 5 articles unchanged, nothing embedded"


@pytest.mark.slow
def test_ingest_nonexistent_path_fails(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-corpus"
    done = run_cli("ingest", str(missing), cwd=tmp_path, data_dir=str(tmp_path / "data"))
    assert done.returncode != 0
    assert "error:" in done.stderr and "no-such-corpus" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "chroma").exists(), "nothing should be created for a bad path"


@pytest.mark.slow
def test_search_k_zero_is_an_error(tmp_path: Path) -> None:
    done = run_cli("search", "sappers", "-k", "0", cwd=tmp_path, data_dir=str(tmp_path / "data"))
    assert done.returncode == 2
    assert "-k must be between 1 and 50" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("k", ["51", "-3"])
def test_search_k_out_of_range_in_process(k: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The range check runs before settings are read, so main() is safe to call in-process here.
    assert main(["search", "sappers", "-k", k]) == 2
    assert "error: -k must be between 1 and 50" in capsys.readouterr().err


@pytest.mark.slow
def test_search_on_empty_index_says_to_ingest(tmp_path: Path) -> None:
    done = run_cli("search", "sappers", cwd=tmp_path, data_dir=str(tmp_path / "data"))
    assert done.returncode == 2
    assert "ingest" in done.stderr and "Traceback" not in done.stderr


def test_parser_rejects_missing_verb_and_bad_k() -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args([])
    with pytest.raises(SystemExit):
        parser.parse_args(["search", "q", "-k", "many"])
    args = parser.parse_args(["search", "q", "-k", "7", "--article", "a", "--article", "b"])
    assert (args.query, args.k, args.article) == ("q", 7, ["a", "b"])


def test_a_bad_setting_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    done = run_cli("search", "troops", cwd=tmp_path, port="not-a-port")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: invalid setting NEWSDESK_PORT: "
        "Input should be a valid integer, unable to parse string as an integer"
    ]
