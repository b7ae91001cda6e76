"""An operator's basemap file: a detailed map of the province made once elsewhere and copied to
the server (`BIENGIOI_BASEMAP=/path/to/area.mbtiles` or `.pmtiles`), served by biengioi itself
to signed-in users, so an air-gapped network needs no tile server.

- MBTiles is an SQLite database of tiles (rows in TMS order: y counts from the south); the map
  asks `/map/basemap/{z}/{x}/{y}` and we read one row.
- PMTiles is one file read by byte ranges: the map's pmtiles.js asks `/map/basemap.pmtiles`
  with `Range:` headers and we answer 206 with those bytes.

Raster tiles (PNG, JPEG, WebP) are drawn; vector tiles are refused with a reason. A file that is
missing, unreadable or of neither kind leaves the map on its built-in background, and the page
says why.

A deployment that runs its own tile server names it instead by a URL template
(`BIENGIOI_BASEMAP=https://tiles.example.vn/{z}/{x}/{y}.png`): the browser draws those tiles
directly, and the Content-Security-Policy lets images come from that origin and no other
(settings.py). A URL without {z}, {x} and {y}, or of another scheme, is refused with a reason.
"""

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

SQLITE_MAGIC = b"SQLite format 3\x00"
PMTILES_MAGIC = b"PMTiles"
# PMTiles v3 header: tile type at byte 99 (1 MVT, 2 PNG, 3 JPEG, 4 WebP, 5 AVIF), zooms at 100-101
PMTILES_TYPES = {2: "png", 3: "jpg", 4: "webp"}
CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}


@dataclass(frozen=True)
class Basemap:
    path: Path
    kind: str = ""  # "mbtiles", "pmtiles" or "url"; "" when it cannot be used
    url: str = ""  # the tile server's template, for "url"
    format: str = ""
    minzoom: int = 0
    maxzoom: int = 18
    attribution: str = ""
    problem: str = field(default="", compare=False)

    @property
    def usable(self) -> bool:
        return not self.problem


def configured() -> Basemap | None:
    """The operator's basemap as the settings name it, checked; None when none is set."""
    name = str(getattr(settings, "BASEMAP", "") or "").strip()
    if not name:
        return None
    if "://" in name:
        return _server(name)
    return inspect(Path(name))


def tile_server_origin(value: str) -> str:
    """`scheme://host[:port]` of a tile server's URL template (http or https, with {z}, {x} and
    {y}); "" for anything else (a file, a bad URL). The CSP allows images from this origin."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    if not all(key in value for key in ("{z}", "{x}", "{y}")):
        return ""
    if any(c in parts.netloc for c in "{}@ ;'\""):  # no template, user or CSP syntax in the host
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def _server(url: str) -> Basemap:
    if not tile_server_origin(url):
        return Basemap(
            Path(),
            problem=_(
                "“%(url)s” không phải địa chỉ máy chủ ô bản đồ: cần http(s):// và đủ {z}, {x}, {y}."
            )
            % {"url": url},
        )
    return Basemap(Path(), kind="url", url=url.strip(), format="png")


def inspect(path: Path) -> Basemap:
    try:
        with path.open("rb") as f:
            head = f.read(127)
    except OSError:
        return Basemap(path, problem=_("Không mở được tệp bản đồ nền %(path)s.") % {"path": path})
    if head.startswith(SQLITE_MAGIC):
        return _mbtiles(path)
    if head.startswith(PMTILES_MAGIC) and len(head) >= 127:
        return _pmtiles(path, head)
    return Basemap(
        path,
        problem=_("Tệp %(path)s không phải bản đồ nền MBTiles hay PMTiles.") % {"path": path},
    )


def _raster(path: Path, fmt: str) -> str:
    if fmt in CONTENT_TYPES:
        return ""
    return _(
        "Tệp %(path)s chứa ô bản đồ dạng %(format)s; chỉ hiển thị được ảnh PNG, JPEG, WebP."
    ) % {
        "path": path,
        "format": fmt or "?",
    }


def _mbtiles(path: Path) -> Basemap:
    try:
        with _open(path) as db:
            meta = dict(db.execute("SELECT name, value FROM metadata").fetchall())
            zooms = db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
    except sqlite3.Error:
        return Basemap(
            path,
            problem=_("Tệp %(path)s không phải bản đồ nền MBTiles hay PMTiles.") % {"path": path},
        )
    fmt = str(meta.get("format", "png")).lower()
    low, high = zooms if zooms and zooms[0] is not None else (0, 18)
    return Basemap(
        path,
        kind="mbtiles",
        format=fmt,
        minzoom=int(meta.get("minzoom", low)),
        maxzoom=int(meta.get("maxzoom", high)),
        attribution=str(meta.get("attribution", "")),
        problem=_raster(path, fmt),
    )


def _pmtiles(path: Path, head: bytes) -> Basemap:
    if head[7] != 3:
        return Basemap(
            path,
            problem=_("Tệp %(path)s là PMTiles phiên bản cũ; cần phiên bản 3.") % {"path": path},
        )
    fmt = PMTILES_TYPES.get(head[99], "mvt" if head[99] == 1 else "")
    return Basemap(
        path,
        kind="pmtiles",
        format=fmt,
        minzoom=head[100],
        maxzoom=head[101],
        problem=_raster(path, fmt),
    )


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def tile(basemap: Basemap, z: int, x: int, y: int) -> bytes | None:
    """One MBTiles tile in the map's XYZ numbering (MBTiles rows count y from the south)."""
    if not (0 <= z <= 30 and 0 <= x < 2**z and 0 <= y < 2**z):
        return None
    with _open(basemap.path) as db:
        row = db.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (2**z - 1) - y),
        ).fetchone()
    return bytes(row[0]) if row else None


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte of a single `Range: bytes=a-b` (or `a-`, or `-n`) within a file
    of `size` bytes; None when the header asks for something else or nothing of the file."""
    unit, _sep, spec = header.partition("=")
    if unit.strip() != "bytes" or "," in spec:
        return None
    first, _dash, last = spec.strip().partition("-")
    try:
        if first == "":
            start, end = max(0, size - int(last)), size - 1
        else:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
    except ValueError:
        return None
    if start > end or start >= size:
        return None
    return start, end
