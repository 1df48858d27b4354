#!/usr/bin/env python3
"""An independent reader of a kemitraan file store, written from
docs/format.md alone (no library code): it checks the file's header and
frames (CRC-32C), decodes every record of format 1 or 2, checks the hash
chain, and prints one JSON document:

    {"head_hash": "...", "records": N,
     "events": [{"seq", "time_us", "actor", "format", "entity", "op", "id",
                 "fields": [[tag, type, value], ...]}, ...]}

with the fields in the order the payload holds them, STR as text, U64 and
I64 as integers, STRS as a list of texts. tests/cli/run_format.sh compares
its output with the library's audit trail, so that the page stays exact.

Usage: read_log.py STORE.km
Exit 0 with the document; exit 1 with a message naming the offset or the
record on the first thing that breaks the format.
"""
import hashlib
import json
import struct
import sys


class Bad(Exception):
    pass


def crc32c_table():
    poly, table = 0x82F63B78, []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = crc32c_table()


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283


class Reader:
    def __init__(self, data, what):
        self.d, self.p, self.what = data, 0, what

    def take(self, n):
        if n > len(self.d) - self.p:
            raise Bad("%s: truncated at byte %d" % (self.what, self.p))
        b = self.d[self.p:self.p + n]
        self.p += n
        return b

    def fixed(self, fmt):
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))[0]

    def varint(self, limit=(1 << 64) - 1):
        value, shift, start = 0, 0, self.p
        while True:
            c = self.take(1)[0]
            if shift == 63 and c > 1:
                raise Bad("%s: varint past 64 bits at byte %d" % (self.what, start))
            value |= (c & 0x7F) << shift
            if not c & 0x80:
                if c == 0 and shift:
                    raise Bad("%s: varint not minimal at byte %d" % (self.what, start))
                break
            shift += 7
        if value > limit:
            raise Bad("%s: varint %d over %d at byte %d" % (self.what, value, limit, start))
        return value

    def done(self):
        return self.p == len(self.d)


def short_int(b, what):
    if len(b) > 8 or (b and b[-1] == 0):
        raise Bad("%s: integer of %d bytes not in its one form" % (what, len(b)))
    return int.from_bytes(b, "little")


def fields_v2(payload, what):
    r, out, seen = Reader(payload, what), [], set()
    while not r.done():
        head = r.take(1)[0]
        tag, ftype = head & 0x3F, (head >> 6) + 1
        value = r.take(r.varint(0xFFFFFFFF))
        if tag in seen:
            raise Bad("%s: tag %d twice" % (what, tag))
        seen.add(tag)
        if ftype == 1:
            v = value.decode("utf-8")
        elif ftype == 2:
            v = short_int(value, what)
        elif ftype == 3:
            u = short_int(value, what)
            v = (u >> 1) ^ -(u & 1)
        else:
            lr = Reader(value, what)
            v = [lr.take(lr.varint(0xFFFFFFFF)).decode("utf-8") for _ in range(lr.varint(0xFFFFFFFF))]
            if not lr.done():
                raise Bad("%s: bytes after the list of tag %d" % (what, tag))
        out.append([tag, ftype, v])
    return out


def fields_v1(payload, what):
    r, out, seen = Reader(payload, what), [], set()
    while not r.done():
        tag, ftype, n = r.fixed("H"), r.fixed("B"), r.fixed("I")
        value = r.take(n)
        if tag >= 64 or tag in seen or ftype not in (1, 2, 3, 4):
            raise Bad("%s: bad tag %d or type %d" % (what, tag, ftype))
        seen.add(tag)
        if ftype == 1:
            v = value.decode("utf-8")
        elif ftype in (2, 3):
            if n != 8:
                raise Bad("%s: integer of %d bytes" % (what, n))
            v = struct.unpack("<Q" if ftype == 2 else "<q", value)[0]
        else:
            lr = Reader(value, what)
            v = [lr.take(lr.fixed("I")).decode("utf-8") for _ in range(lr.fixed("I"))]
            if not lr.done():
                raise Bad("%s: bytes after the list of tag %d" % (what, tag))
        out.append([tag, ftype, v])
    return out


def record(rec, seq, prev):
    what = "record %d" % seq
    r = Reader(rec, what)
    if r.take(2) != b"KM":
        raise Bad("%s: bad magic" % what)
    fmt, flags = r.fixed("B"), r.fixed("B")
    if fmt not in (1, 2) or flags:
        raise Bad("%s: format %d, flags %d" % (what, fmt, flags))
    if r.fixed("Q") != seq:
        raise Bad("%s: wrong sequence" % what)
    time_us = r.fixed("q")
    if r.take(32) != prev:
        raise Bad("%s: prev is not the hash of record %d" % (what, seq - 1))
    alen = r.fixed("I")
    actor = "" if alen == 0xFFFFFFFF else r.take(alen).decode("utf-8")
    events = []
    for _ in range(r.fixed("I")):
        if fmt == 1:
            entity, op, eid, n = r.fixed("H"), r.fixed("H"), r.fixed("Q"), r.fixed("I")
        else:
            entity, op, eid, n = r.varint(0xFFFF), r.varint(0xFFFF), r.varint(), r.varint(0xFFFFFFFE)
        payload = r.take(n)
        fields = (fields_v1 if fmt == 1 else fields_v2)(payload, "%s, event %d" % (what, len(events) + 1))
        events.append({"seq": seq, "time_us": time_us, "actor": actor, "format": fmt,
                       "entity": entity, "op": op, "id": eid, "fields": fields})
    if not r.done():
        raise Bad("%s: bytes after the last event" % what)
    return events


def read_store(path):
    data = open(path, "rb").read()
    if len(data) < 32 or data[:8] != b"KMSTORE\0":
        raise Bad("not a file store")
    if struct.unpack_from("<I", data, 28)[0] != crc32c(data[:28]):
        raise Bad("header checksum")
    if struct.unpack_from("<II", data, 8) != (1, 0):
        raise Bad("store format or flags")
    off, seq, prev, events = 32, 0, bytes(32), []
    while off < len(data):
        if len(data) - off < 20 or data[off:off + 4] != b"KMF1":
            raise Bad("offset %d: not a frame" % off)
        length, fseq, crc = struct.unpack_from("<IQI", data, off + 4)
        rec = data[off + 20:off + 20 + length]
        if len(rec) != length or crc32c(rec, crc32c(data[off + 4:off + 16])) != crc:
            raise Bad("offset %d: frame checksum" % off)
        seq += 1
        if fseq != seq:
            raise Bad("offset %d: sequence %d, expected %d" % (off, fseq, seq))
        events += record(rec, seq, prev)
        prev = hashlib.sha256(rec).digest()
        off += 20 + length
    return {"head_hash": prev.hex(), "records": seq, "events": events}


def main():
    if len(sys.argv) != 2:
        print("usage: read_log.py STORE.km", file=sys.stderr)
        return 2
    try:
        doc = read_store(sys.argv[1])
    except (Bad, UnicodeDecodeError) as e:
        print("read_log.py: %s" % e, file=sys.stderr)
        return 1
    json.dump(doc, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
