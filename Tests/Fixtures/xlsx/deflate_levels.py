"""For each deflated part of a zip file, the zlib level whose raw deflate of the part's bytes
reproduces the stored bytes exactly (None when no level 0-9 does), as JSON {part: level}.

An independent check of how a workbook was compressed: Python's zlib recompresses each part.
Usage: python3 deflate_levels.py FILE.xlsx
"""
import json
import struct
import sys
import zipfile
import zlib


def stored_bytes(handle, info):
    handle.seek(info.header_offset)
    header = handle.read(30)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    return handle.read(info.compress_size)


def level_of(raw, data):
    for level in range(10):
        packer = zlib.compressobj(level, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
        if packer.compress(data) + packer.flush() == raw:
            return level
    return None


def main(path):
    levels = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as handle:
        for info in archive.infolist():
            if info.compress_type == zipfile.ZIP_DEFLATED:
                levels[info.filename] = level_of(stored_bytes(handle, info), archive.read(info.filename))
    json.dump(levels, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
