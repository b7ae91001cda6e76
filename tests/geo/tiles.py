"""Tiny basemap files made by the tests themselves: an MBTiles of solid-colour PNG tiles and the
header of a PMTiles file."""

import sqlite3
import struct
import zlib
from pathlib import Path

SIZE = 256


def png(rgb: tuple[int, int, int]) -> bytes:
    """A 256×256 PNG of one colour, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * SIZE
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * SIZE))
        + chunk(b"IEND", b"")
    )


def mbtiles(path: Path, *, maxzoom: int = 3, fmt: str = "png") -> Path:
    """Every tile of zooms 0..maxzoom, green in the north half of the world, blue in the south
    (so a test can tell the rows' order), with the metadata MBTiles 1.3 asks for."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
            " tile_data BLOB)"
        )
        meta = {"name": "thử", "format": fmt, "minzoom": "0", "maxzoom": str(maxzoom)}
        meta["attribution"] = "Bản đồ thử"
        db.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
        north, south = png((46, 125, 50)), png((21, 101, 192))
        for z in range(maxzoom + 1):
            for x in range(2**z):
                for row in range(2**z):  # TMS: row 0 is the southernmost
                    data = north if row >= 2**z / 2 else south
                    db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, row, data))
    return path


def pmtiles_header(path: Path, *, tile_type: int = 2, version: int = 3) -> Path:
    """A file that starts like a PMTiles v3 archive of PNG tiles (127-byte header), then 1 KB."""
    header = bytearray(127)
    header[0:7] = b"PMTiles"
    header[7] = version
    header[99] = tile_type
    header[100], header[101] = 0, 5
    path.write_bytes(bytes(header) + bytes(range(256)) * 4)
    return path
