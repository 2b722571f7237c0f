#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the seed corpora tests/fuzz/corpus/<target>/ (standard library only, deterministic).

Seeds are small (at most 4 KB, libFuzzer's default input size): the head of the demo data in
the layouts the readers accept, the small files of the malformed-input corpus tests/data/bad/,
typical selectors and command lines. The tie fuzzer's first byte holds flags (see
fuzz_ties.c), so its seeds come in several flag variants.
Run: /usr/bin/python3 tests/fuzz/make_seeds.py
"""
import gzip
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
MAX = 4096


def head(path, lines):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return b"".join(f.readline() for _ in range(lines))


def write(target, data):
    if len(data) > MAX:
        return
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def variants(csv):
    """The same table as TSV, semicolons, CRLF, with a BOM, fully quoted, and gzipped."""
    yield csv
    yield csv.replace(b",", b"\t")
    yield csv.replace(b",", b";")
    yield csv.replace(b"\n", b"\r\n")
    yield b"\xef\xbb\xbf" + csv
    quoted = b"\n".join(b",".join(b'"' + f.replace(b'"', b'""') + b'"' for f in line.split(b","))
                        for line in csv.split(b"\n") if line) + b"\n"
    yield quoted
    yield gzip.compress(csv, mtime=0)


def bad_files(reader):
    with open(os.path.join(SRC, "tests", "data", "bad", "EXPECTED.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            name, kind = line.split("\t")[:2]
            if kind == reader:
                with open(os.path.join(SRC, "tests", "data", "bad", name), "rb") as g:
                    yield g.read()


def main():
    actors = head(os.path.join(SRC, "examples", "data", "actors.csv"), 12)
    ties = head(os.path.join(SRC, "examples", "data", "ties.csv.gz"), 40)
    small_ties = (b"wave,layer,source,target,weight\n2005,trade,A,B,2\n2005,rnd,B,A,1\n"
                  b"2007,service.finance,C,A,0.5\n2007,trade,A,B,1\n2005,trade,A,B,3\n"
                  b'2005,service.legal,"D, Inc.",A,1e308\n2005,trade,B,B,1\n')
    for v in variants(actors):
        write("actors", v)
    write("actors", b'id,name,type,mc\nA,"multi\nline",FIRM,mc1\n a ,x,sme,\nB,,,\n')
    write("actors", b"ID;Type;Extra\nA;university;1\nb;government;x\n")
    for data in bad_files("actors"):
        write("actors", data)

    # tie seeds: flag byte + file (bit 0 gzip, 1 strict, 2-4 duplicates, 5 undirected,
    # 6 summary, 7 two gzip members)
    for v in variants(small_ties):
        for flags in (0x00, 0x60, 0x20 | (4 << 2)):
            write("ties", bytes([flags]) + v)
    for flags in (0x01, 0x41, 0x81, 0x02, 0x14, 0x6d):
        write("ties", bytes([flags]) + small_ties)
    write("ties", bytes([0x40]) + ties)
    write("ties", bytes([0x61]) + ties)
    write("ties", bytes([0x00]) + b"source,target\nA,B\n")
    write("ties", bytes([0x40]) + b"layer,source,target\na.b.c,X,Y\na.b,Y,X\na,X,Z\n")
    for data in bad_files("ties"):
        write("ties", bytes([0x00]) + data)

    for text in [b"service\ntrade\nrnd\nservice.finance\nservice.legal\nservice.rnd",
                 b"all\ntrade\nrnd",
                 b" trade , service.finance ,,\ntrade\nservice\nservice.finance\nservice.x.y",
                 b"service.\nservice\nservice.\nservice..x",
                 b", ,\t\nx\ny",
                 b"svc\nservice.finance",
                 b"a.b\na\na.b\na.bc\na.b.c\nab",
                 b"\n\xea\xb1\xb0\xeb\x9e\x98\n\xea\xb1\xb0\xeb\x9e\x98.x",
                 b"all.x,trade\nall.x\ntrade\nall"]:
        write("selector", text)

    for args in [[b"--ties", b"t.csv"],
                 [b"--actors", b"a.csv", b"--ties", b"t.csv", b"--layer", b"trade,rnd", b"--wave",
                  b"2005", b"--undirected", b"--merge", b"max"],
                 [b"--ties=t.csv", b"--duplicates=first", b"-o", b"out.json", b"--quiet",
                  b"--strict"],
                 [b"--help"], [b"-h"], [b"--version"],
                 [b"--seed", b"12", b"--normalize", b"--name", b"x", b"--ties", b"t"],
                 [b"--seed=x", b"--ties", b"t"],
                 [b"--merge", b"first", b"--ties", b"t"],
                 [b"--ties", b"t", b"--layer", b"service", b"--wave", b"2007"],
                 [b"--ties", b"t", b"--layer", b"nope"],
                 [b"--bogus"], [b"stray"], [b"--layer"], [b"--undirected=1", b"--ties", b"t"],
                 [b"--ties", b"t", b"--wave", b"2008"],
                 [b"--ties", b"a"] * 65]:
        write("cli", b"\0".join(args))
    for target in sorted(os.listdir(CORPUS)):
        print(target, len(os.listdir(os.path.join(CORPUS, target))), "seeds")


if __name__ == "__main__":
    main()
