"""Build hook: the top-level ``prompts/`` is the one source of the prompts; a wheel carries a copy as
``service/_prompts`` (found by ``service/prompts.py``), so an installed Newsdesk needs no checkout."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithPrompts(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "service" / "_prompts"
        self.mkpath(str(target))
        for prompt in sorted((ROOT / "prompts").glob("*.md")):
            self.copy_file(str(prompt), str(target / prompt.name))


setup(cmdclass={"build_py": BuildWithPrompts})
