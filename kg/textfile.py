"""Reading one input file: only regular files are opened, and bytes become text
only in an encoding the file declares (a byte-order mark) or in UTF-8.

Everything else is an :class:`~kg.errors.InputError` that names the encoding
the bytes seem to be in and the ``iconv`` line that converts them.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)
# High bytes of the UTF-16 code units of Arabic news: ASCII and spaces, the Arabic block,
# general punctuation and marks (U+200F, U+2013), presentation forms.
_UTF16_HIGH = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFE})


def _utf16_guess(data: bytes) -> str | None:
    """``"UTF-16LE"``/``"UTF-16BE"`` when ``data`` reads as UTF-16 text without a
    byte-order mark: one byte of each pair is (nearly) always a high byte of
    Arabic or Latin text, the other mostly not (a file of spaces is no UTF-16),
    and the pairs decode to printable text."""
    sample = data[:8192]
    sample = sample[:len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    for name, high, low in (("UTF-16LE", sample[1::2], sample[0::2]), ("UTF-16BE", sample[0::2], sample[1::2])):
        if sum(b in _UTF16_HIGH for b in high) < 0.95 * len(high) or sum(b in _UTF16_HIGH for b in low) > len(low) / 2:
            continue
        text = sample.decode(name, errors="replace")
        if sum(ch.isprintable() or ch in "\r\n\t" for ch in text) >= 0.95 * len(text):
            return name
    return None


def decode_text(data: bytes, source: str) -> str:
    """The text of a file: UTF-8, with or without a byte-order mark; UTF-16 and
    UTF-32 when a byte-order mark says so. Anything else is refused with the
    encoding it seems to be in and the ``iconv`` line that converts it.

    >>> decode_text("\\ufeffخبر".encode("utf-16-le"), "x"), decode_text(b"\\xef\\xbb\\xbfok", "x")
    ('خبر', 'ok')
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("E117", f"{source}: starts with a {name} byte-order mark but is not valid {name} "
                                         f"(byte {exc.start + len(bom)})",
                                 fix=f"re-save it as UTF-8, e.g. `iconv -f {name} -t UTF-8 in.txt > out.txt`, "
                                     "or check that it is text") from None
    guess = _utf16_guess(data)
    if guess:
        raise InputError("E116", f"{source}: looks like {guess} text without a byte-order mark",
                         fix=f"convert it: `iconv -f {guess} -t UTF-8 in.txt > out.txt`")
    if b"\x00" in data[:8192]:
        raise InputError("E103", f"{source}: looks like a binary file (NUL bytes)", fix="give a UTF-8 text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("E107", f"{source}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
                         fix="convert it to UTF-8; Windows Arabic text (cp1256) with "
                             "`iconv -f cp1256 -t UTF-8 in.txt > out.txt`") from None


def read_bytes(path: Path, max_chars: int | None = None) -> bytes:
    """A regular file's bytes. The file is opened without blocking and checked
    before a byte is read: a FIFO or device is refused, never read; so is a file
    too large to hold at most ``max_chars`` characters (4 bytes each, and a mark)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise unreadable(path, exc) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode)
        if max_chars is not None and info.st_size > 4 * max_chars + 4:
            raise InputError("E105", f"{path}: {info.st_size:,} bytes cannot be less than the limit of "
                                     f"{max_chars:,} characters",
                             fix="split it into articles (one per file or per JSONL line)")
        try:
            return fh.read()
        except OSError as exc:
            raise unreadable(path, exc) from None


def unreadable(path: Path, exc: OSError) -> InputError:
    return InputError("E120", f"{path}: cannot be read ({exc.strerror or exc})",
                      fix="check that the file is readable (permissions, disk) and run again")


def not_regular(path: Path, mode: int) -> InputError:
    kind = ("a directory" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file")
    fix = ("give the directory itself as an input, or rename it: kg does not read subdirectories"
           if stat.S_ISDIR(mode) else "give a regular file (save a pipe's output to a file first)")
    return InputError("E115", f"{path}: is {kind}, so it is not read", fix=fix)


def read_text(path: Path, max_chars: int | None = None) -> str:
    """A regular file's text (:func:`read_bytes`, then :func:`decode_text`)."""
    return decode_text(read_bytes(path, max_chars), str(path))
