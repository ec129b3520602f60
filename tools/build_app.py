"""Build the standalone app, which runs with no Python installed, for the platform this runs on.

    python tools/build_app.py              # one folder: dist/making-together/ (macOS: a .app)
    python tools/build_app.py --onefile    # one file: dist/making-together (.exe on Windows)
    python tools/build_app.py --archive    # and pack it for a release: dist/making-together-*.zip/.tar.gz
    python tools/build_app.py --smoke      # and run its --version and check (for CI)
    python tools/build_app.py --icons      # only draw the icons again from packaging/icon.svg

Needs the build tools: pip install -e ".[build]" (PyInstaller; Pillow for the Windows and
macOS icon files). The recipe is packaging/making-together.spec. Icons: packaging/icon.svg is
the source; the PNGs the game shows as its window icon are kept in assets/icons/ (drawn here
with pygame, so they ship with every copy), and the .ico and .icns files PyInstaller needs
are drawn into the work folder for each build.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "making-together.spec"
SVG = ROOT / "packaging" / "icon.svg"
DESKTOP = ROOT / "packaging" / "making-together.desktop"
METAINFO = ROOT / "packaging" / "io.github.making_together.MakingTogether.metainfo.xml"
SHIPPED_ICONS = ROOT / "assets" / "icons"
NAME = "making-together"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)   # shipped in assets/icons/
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)   # Windows
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS


def draw(size: int):
    """packaging/icon.svg as a pygame surface, size x size (drawn from the vectors, not scaled)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    return pygame.image.load_sized_svg(str(SVG), (size, size))


def write_png(surface, path: Path) -> None:
    """Save as PNG, leaving the file alone when it already holds these bytes (so a build in a
    checkout does not touch the kept icons unless the SVG changed)."""
    import io
    import pygame
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "png")
    data = buffer.getvalue()
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def draw_icons(work: Path) -> Path:
    """The shipped PNGs in assets/icons/, and into work/: every PNG size and, where Pillow is
    installed (it must be on Windows and macOS), the .ico and .icns. Returns work."""
    for size in PNG_SIZES:
        write_png(draw(size), SHIPPED_ICONS / f"{NAME}-{size}.png")
    work.mkdir(parents=True, exist_ok=True)
    for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES)):
        write_png(draw(size), work / f"{NAME}-{size}.png")
    try:
        from PIL import Image
    except ImportError:
        if sys.platform in ("win32", "darwin"):
            sys.exit("Pillow is needed for the app icon on this platform: pip install -e \".[build]\"")
        return work
    def images(sizes):
        return [Image.open(work / f"{NAME}-{size}.png").convert("RGBA") for size in sizes]
    largest, *rest = images(ICO_SIZES[::-1])
    largest.save(work / f"{NAME}.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=rest)
    largest, *rest = images(ICNS_SIZES[::-1])
    largest.save(work / f"{NAME}.icns", append_images=rest)
    return work


def platform_name() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{system}-{machine}"


def size_of(path: Path) -> int:
    """Bytes on disk under path (what du counts, symlinks not followed)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def built(dist: Path, onefile: bool) -> Path:
    """What PyInstaller made: the one file, else the .app on macOS or the folder."""
    if onefile:
        return dist / (NAME + (".exe" if sys.platform == "win32" else ""))
    return dist / "Making Together.app" if sys.platform == "darwin" else dist / NAME


def program(app: Path) -> Path:
    """The program to run inside what built() returns."""
    if app.suffix == ".app":
        return app / "Contents" / "MacOS" / NAME
    return app / (NAME + (".exe" if sys.platform == "win32" else "")) if app.is_dir() else app


def smoke(app: Path) -> bool:
    """Run the built app from an empty folder: --version, then check on the shipped scenarios."""
    import tempfile
    ok = True
    with tempfile.TemporaryDirectory() as elsewhere:
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", MAKING_TOGETHER_DATA=elsewhere)
        for args in (["--version"], ["check", "--runs", "20"]):
            done = subprocess.run([str(program(app)), *args], capture_output=True, text=True,
                                  cwd=elsewhere, env=env, timeout=600)
            last = (done.stdout.strip().splitlines() or [""])[-1]
            print(f"{NAME} {' '.join(args)}: exit {done.returncode}: {last}")
            if done.returncode != 0:
                print(done.stderr[-2000:], file=sys.stderr)
                ok = False
    return ok


def add_linux_files(app: Path, onefile: bool) -> None:
    """Beside the program on Linux: the desktop entry, the metainfo and the icon, to copy into
    ~/.local/share/applications, ~/.local/share/metainfo and ~/.local/share/icons (README)."""
    if sys.platform != "linux" or onefile:
        return
    shutil.copy2(DESKTOP, app / DESKTOP.name)
    shutil.copy2(METAINFO, app / METAINFO.name)
    shutil.copy2(SHIPPED_ICONS / f"{NAME}-256.png", app / f"{NAME}.png")


def archive(app: Path, dist: Path) -> Path:
    """One file to attach to a release: a .zip on Windows and macOS (ditto keeps the .app's
    links and permissions), a .tar.gz on Linux (keeps the executable bit)."""
    from game import __version__
    base = dist / f"{NAME}-{__version__}-{platform_name()}"
    if sys.platform == "darwin":
        target = base.with_suffix(".zip")
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(target)], check=True)
        return target
    kind = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), kind, root_dir=app.parent, base_dir=app.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--onefile", action="store_true", help="one executable file, not a folder")
    parser.add_argument("--archive", action="store_true", help="also pack the app into one file for a release")
    parser.add_argument("--icons", action="store_true", help="only draw the icons from packaging/icon.svg")
    parser.add_argument("--smoke", action="store_true",
                        help="then run the app's --version and check, and fail if either fails")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "app",
                        help="PyInstaller's work folder (default: build/app/)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    icons = draw_icons(args.work.resolve() / "icons")
    if args.icons:
        print(f"Icons drawn from {SVG.relative_to(ROOT)} into {SHIPPED_ICONS.relative_to(ROOT)}/ and {icons}/")
        return 0
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("PyInstaller is not installed: pip install -e \".[build]\"", file=sys.stderr)
        return 2
    dist = args.dist.resolve()
    started = time.perf_counter()
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
               "--log-level", "WARN", "--distpath", str(dist),
               "--workpath", str(args.work.resolve() / "pyinstaller"), "--", "--icons", str(icons)]
    if subprocess.run(command + (["--onefile"] if args.onefile else []), cwd=ROOT).returncode:
        print("PyInstaller failed: see its messages above.", file=sys.stderr)
        return 1
    app = built(dist, args.onefile)
    add_linux_files(app, args.onefile)
    seconds = time.perf_counter() - started
    print(f"Built {app} in {seconds:.0f} s: {size_of(app) / 2**20:.0f} MB")
    if args.smoke and not smoke(app):
        return 1
    if args.archive:
        packed = archive(app, dist)
        print(f"Packed {packed}: {packed.stat().st_size / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
