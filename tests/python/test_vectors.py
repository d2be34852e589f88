"""Replays every conformance vector through `invoke_json`, from the flat case file (tests/vectors/README.md):
the output text must equal the expected text byte for byte; errors are compared by code, field and rule.
Each case is one test.

The file is `$GONGJI_CASES`, else the one `cargo run -p gongji-conformance --bin cases` writes.
"""

import os
import re
import subprocess
import unittest

from gongji import GongjiError, invoke_json

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ESCAPES = {"t": "\t", "n": "\n", "r": "\r"}


def cases_file() -> str:
    path = os.environ.get("GONGJI_CASES")
    if path:
        return path
    cargo = ["cargo", "run", "-q", "-p", "gongji-conformance", "--bin", "cases"]
    return subprocess.run(cargo, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def unescape(column: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), column, flags=re.S)


class VectorCase(unittest.TestCase):
    """One case, one line of the file; built by `load_tests` below."""

    def __init__(self, methodName="runTest", line=""):
        super().__init__(methodName)
        self.cols = [unescape(c) for c in line.split("\t")]

    def id(self):
        return self.cols[0]

    __str__ = id

    def runTest(self):
        _name, op, book, _text_or_document, text, kind, *want = self.cols
        try:
            out = invoke_json(op, text, book or None)
        except GongjiError.Rejected as e:
            self.assertEqual(kind, "error", f"unexpected error {e.code} at {e.field}: {e.message_en}")
            self.assertEqual([e.code.name, e.field], want[:2], f"error code and field ({e.message_en})")
            if len(want) > 2:
                self.assertEqual(e.rule, want[2], "error rule")
            return
        self.assertEqual(kind, "output", f"expected error {want}, got {out}")
        self.assertEqual(out, want[0], "output differs")


def load_tests(loader, tests, pattern):
    with open(cases_file(), encoding="utf-8", newline="\n") as f:
        lines = [line for line in f.read().split("\n") if line]
    if not lines:
        raise RuntimeError("no vector cases")
    return unittest.TestSuite(VectorCase(line=line) for line in lines)
