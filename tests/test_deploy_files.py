"""The Dockerfile and compose.yaml (which cannot be built here) parse, pin their images, and run the
commands the README gives."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import yaml

from tests.conftest import REPO_ROOT

COMMAND = "newsdesk model && newsdesk ingest && newsdesk serve"


def test_compose_parses_pins_images_and_runs_the_readme_commands() -> None:
    compose = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"chroma", "newsdesk", "llama"} <= set(services)
    for name, service in services.items():
        image = service.get("image")
        if image:
            tag = image.rpartition(":")[2]
            assert ":" in image and tag and tag != "latest", f"{name}: pin {image} by tag"
    assert services["chroma"]["image"] == f"chromadb/chroma:{version('chromadb')}"  # client = server
    newsdesk = services["newsdesk"]
    assert newsdesk["environment"]["NEWSDESK_CHROMA_URL"] == "http://chroma:8000"
    assert newsdesk["command"] == ["sh", "-c", COMMAND]
    assert "NEWSDESK_API_KEYS" in newsdesk["environment"]  # serve refuses 0.0.0.0 without keys


def test_dockerfile_runs_the_same_commands_and_the_readme_gives_them() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11\.\d+-slim-\w+$", dockerfile, re.M), "pin the base image"
    cmd = re.search(r"^CMD (.+)$", dockerfile, re.M)
    assert cmd and json.loads(cmd.group(1)) == ["sh", "-c", COMMAND]
    assert '".[local]"' in dockerfile and "GGML_NATIVE=OFF" in dockerfile
    readme = (REPO_ROOT / "README.md").read_text()
    assert COMMAND in readme.replace("\n", " ")
    assert "NEWSDESK_CHROMA_URL=http://127.0.0.1:8001 .venv/bin/newsdesk serve" in readme
