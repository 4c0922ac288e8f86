"""Write the EPUB container ourselves, reproducibly.

ebooklib's zip carries wall-clock times and its own entry order. Here: ``mimetype``
first and stored (OCF requires it), every other entry sorted by name, one fixed
timestamp, fixed permissions and creator system, already-compressed media stored
(deflating JPEG/PNG/WebP wastes time for no gain), text and fonts deflated at a
fixed level. Same entries in, same bytes out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import datetime

MIMETYPE = b"application/epub+zip"
_STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
#: The earliest time a zip entry can carry.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """``moment`` as a zip date-time (UTC wall time; clamped to 1980, even seconds)."""
    t = (
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second - moment.second % 2,
    )
    return max(t, _ZIP_EPOCH)


def repack(entries: Mapping[str, bytes], moment: datetime) -> bytes:
    """The EPUB bytes for ``entries`` (path inside the zip -> content).

    ``entries`` must not contain ``mimetype``: it is written here, first.
    """
    if "mimetype" in entries:
        raise ValueError("mimetype is written by repack itself")
    stamp = zip_time(moment)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        _write(zf, "mimetype", MIMETYPE, stamp, zipfile.ZIP_STORED)
        for name in sorted(entries):
            stored = name.lower().endswith(_STORED_SUFFIXES)
            _write(
                zf,
                name,
                entries[name],
                stamp,
                zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )
    return buf.getvalue()


def _write(
    zf: zipfile.ZipFile,
    name: str,
    data: bytes,
    stamp: tuple[int, int, int, int, int, int],
    method: int,
) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = method
    info.create_system = 3  # unix, whatever machine builds
    info.external_attr = 0o644 << 16
    zf.writestr(
        info,
        data,
        compress_type=method,
        compresslevel=6 if method == zipfile.ZIP_DEFLATED else None,
    )
