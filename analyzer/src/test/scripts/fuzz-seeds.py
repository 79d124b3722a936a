#!/usr/bin/env python3
"""Makes the seed inputs of the Jazzer fuzz targets (io.wirebook.fuzz) from the bundled captures.

Run from anywhere; it rewrites the seed-* files under
analyzer/src/test/resources/io/wirebook/fuzz/*Inputs/; the other files there are left alone: findings
(crash-*, regression-*) and corpus-*, the corpus a fuzzing run grew (copied from analyzer/.cifuzz-corpus/).
Never edit seeds by hand: change this script, run it, review `git status`.

- pcap and pcapng readers: every bundled capture of that format up to READER_MAX bytes, whole.
- frame decoder: the first FRAMES_PER_CAPTURE frames of every capture up to DECODER_FILE_MAX bytes, each
  as the target reads it: one byte for the link type (its index in FrameDecoderFuzzTest.LINKS), one byte
  of extra wire length in 256-byte steps (0 here), then the frame's bytes; one seed per distinct frame.
- pipeline: every capture up to PIPELINE_MAX bytes, whole.
- pcapng reader and pipeline, also: hostile-text.pcapng, made here (hostile_text()): an interface whose
  name and description hold escape sequences and a packet whose comment holds C0, DEL, C1, U+2028 and a
  right-to-left override (the DEL once passed into JSON Lines raw).
"""
import hashlib
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parents[4]
CAPTURES = ROOT / "captures"
OUT = ROOT / "analyzer/src/test/resources/io/wirebook/fuzz"
READER_MAX = 24 * 1024
PIPELINE_MAX = 12 * 1024
DECODER_FILE_MAX = 128 * 1024
FRAMES_PER_CAPTURE = 4
# FrameDecoderFuzzTest.LINKS, in its order.
LINKS = [1, 113, 276, 0, 108, 101, 12, 14, 228, 229, 147]


def captures():
    for p in sorted(CAPTURES.rglob("*")):
        if p.suffix in (".pcap", ".pcapng") and "synthetic" not in p.parts:
            yield p


def frames(data):
    """(link type, frame bytes) of the first records of a pcap or pcapng file; stops at damage."""
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = "<" if magic[0] in (0xD4, 0x4D) else ">"
        link = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
        at = 24
        while at + 16 <= len(data):
            incl = struct.unpack(e + "I", data[at + 8:at + 12])[0]
            if at + 16 + incl > len(data):
                return
            yield link, data[at + 16:at + 16 + incl]
            at += 16 + incl
    elif magic == b"\x0a\x0d\x0d\x0a":
        at, e, links = 0, "<", []
        while at + 12 <= len(data):
            if data[at:at + 4] == b"\x0a\x0d\x0d\x0a":
                e = "<" if data[at + 8:at + 12] == b"\x4d\x3c\x2b\x1a" else ">"
                links = []
            kind, length = struct.unpack(e + "II", data[at:at + 8])
            if length < 12 or at + length > len(data):
                return
            body = data[at + 8:at + length - 4]
            if kind == 1 and len(body) >= 2:
                links.append(struct.unpack(e + "H", body[:2])[0])
            elif kind == 6 and len(body) >= 20:
                iface, _, _, cap = struct.unpack(e + "IIII", body[:16])
                if iface < len(links):
                    yield links[iface], body[20:20 + cap]
            elif kind == 3 and len(body) >= 4 and links:
                yield links[0], body[4:]
            at += length


def option(code, value):
    return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def block(kind, body):
    body += b"\0" * (-len(body) % 4)
    return struct.pack("<II", kind, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))


def hostile_text():
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + option(1, "\x1b]2;owned\x07".encode()) + option(0, b""))
    idb = block(1, struct.pack("<HHI", 101, 0, 65535) + option(2, "eth\x1b[2J0".encode())
                + option(3, "desc \u009b31m \u202e".encode()) + option(0, b""))
    syn = bytes.fromhex("4500002800004000400600000a0000010a000002" "9c400050000000640000000050020ffff0000000")
    comment = "title \x1b]2;x\x07 csi \u009b31m del \x7f ls \u2028 rlo \u202e.".encode()
    epb = block(6, struct.pack("<IIIII", 0, 0x00060000, 0, len(syn), len(syn)) + syn + b"\0" * (-len(syn) % 4)
                + option(1, comment) + option(0, b""))
    return shb + idb + epb


def write(directory, name, data):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ("seed-" + name)).write_bytes(data)


def main():
    dirs = {
        "pcap": OUT / "PcapReaderFuzzTestInputs/pcap",
        "pcapng": OUT / "PcapngReaderFuzzTestInputs/pcapng",
        "decode": OUT / "FrameDecoderFuzzTestInputs/decode",
        "pipeline": OUT / "PipelineFuzzTestInputs/pipeline",
    }
    for d in dirs.values():
        if d.exists():
            for old in d.glob("seed-*"):
                old.unlink()
    seen = set()
    counts = dict.fromkeys(dirs, 0)
    for p in captures():
        data = p.read_bytes()
        stem = str(p.relative_to(CAPTURES)).replace("/", "_")
        fmt = "pcapng" if p.suffix == ".pcapng" else "pcap"
        if len(data) <= READER_MAX:
            write(dirs[fmt], stem, data)
            counts[fmt] += 1
        if len(data) <= PIPELINE_MAX:
            write(dirs["pipeline"], stem, data)
            counts["pipeline"] += 1
        if len(data) <= DECODER_FILE_MAX:
            for i, (link, frame) in enumerate(frames(data)):
                if i == FRAMES_PER_CAPTURE:
                    break
                index = LINKS.index(link) if link in LINKS else len(LINKS) - 1
                seed = bytes([index, 0]) + frame
                digest = hashlib.sha1(seed).hexdigest()
                if digest not in seen:
                    seen.add(digest)
                    write(dirs["decode"], f"{stem}-{i + 1}", seed)
                    counts["decode"] += 1
    for k in ("pcapng", "pipeline"):
        write(dirs[k], "hostile-text.pcapng", hostile_text())
        counts[k] += 1
    print(" ".join(f"{k}: {v} seeds" for k, v in counts.items()))


if __name__ == "__main__":
    main()
