"""The build step that puts the shipped scenarios and assets inside the package.

In the repository they live at the top (`scenes/`, `assets/`), where authors and the README
expect them; an installed game finds them in `game/bundled/` (game/places.py). Everything else
about the package is in pyproject.toml.
"""
import os

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("scenes", "assets")
LEFT_OUT = ("__pycache__", ".pyc", ".DS_Store")


class BuildWithContent(build_py):
    def run(self):
        super().run()
        for name in SHIPPED:
            for folder, subfolders, files in os.walk(name):
                subfolders[:] = [s for s in subfolders if not s.startswith((".", "__"))]
                for file in files:
                    if file.endswith(LEFT_OUT) or file.startswith("."):
                        continue
                    source = os.path.join(folder, file)
                    target = os.path.join(self.build_lib, "game", "bundled", source)
                    self.mkpath(os.path.dirname(target))
                    self.copy_file(source, target, preserve_mode=False)


setup(cmdclass={"build_py": BuildWithContent})
