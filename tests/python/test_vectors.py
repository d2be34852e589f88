"""Replays every conformance vector (tests/vectors, recursively) through `invoke_json`.

Outputs must equal the expected documents byte for byte after canonical JSON (keys sorted by code
point, compact, JSON.stringify escapes); errors are compared by code, field and rule
(tests/vectors/README.md). Each case is one test.
"""

import json
import os
import unittest

from gongji import GongjiError, invoke_json

VECTORS = os.environ.get(
    "GONGJI_VECTORS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors")
)


def canonical(value) -> str:
    """Keys sorted by code point, no white space, strings escaped as JSON.stringify does."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def compact(value) -> str:
    """The document as sent: key order kept (the core's error paths depend on it)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def at(doc, path: str):
    """Looks up `a.b[2].c`; raises KeyError / IndexError when absent."""
    cur = doc
    for part in path.split("."):
        name, _, rest = part.partition("[")
        if name:
            cur = cur[name]
        for idx in filter(None, rest.replace("]", "").split("[")) if rest else []:
            cur = cur[int(idx)]
    return cur


def suite_files():
    out = []
    for root, _dirs, files in os.walk(VECTORS):
        out += [os.path.join(root, f) for f in files if f.endswith(".json")]
    return sorted(out)


class VectorCase(unittest.TestCase):
    """One case; built by `load_tests` below (the loader's own instance is dropped there)."""

    def __init__(self, methodName="runTest", file="", suite_op="", case=None):
        super().__init__(methodName)
        self.file, self.suite_op, self.case = file, suite_op, case or {}

    def id(self):
        return f"{os.path.relpath(self.file, VECTORS)}::{self.case.get('name', '?')}"

    __str__ = id

    def runTest(self):
        case = self.case
        op = case.get("op", self.suite_op)
        book = case.get("book")
        book_json = None if book is None else compact(book)
        if "input_text" in case:
            text = case["input_text"]
        elif "input" in case:
            text = compact(case["input"])
        else:
            text = ""
        expect = case.get("expect", {})
        try:
            out = json.loads(invoke_json(op, text, book_json))
        except GongjiError.Rejected as e:
            want = expect.get("error")
            self.assertIsNotNone(want, f"unexpected error {e.code} at {e.field}: {e.message_en}")
            got = {"code": e.code.name, "field": e.field, "rule": e.rule}
            for key in ("code", "field", "rule"):
                if key in want:
                    self.assertEqual(got[key], want[key], f"error {key} ({e.message_en})")
            return
        self.assertNotIn("error", expect, f"expected error {expect.get('error')}, got {canonical(out)}")
        for path, value in expect.get("checks", []):
            try:
                got = at(out, path)
            except (KeyError, IndexError, TypeError):
                self.fail(f"check {path}: nothing there")
            self.assertEqual(canonical(got), canonical(value), f"check {path}")
        self.assertIn("output", expect, "no expected output")
        self.assertEqual(canonical(out), canonical(expect["output"]), "output differs")


def load_tests(loader, tests, pattern):
    suite = unittest.TestSuite()
    files = suite_files()
    if not files:
        raise RuntimeError(f"no vectors under {VECTORS}")
    for file in files:
        with open(file, encoding="utf-8") as f:
            doc = json.load(f)
        assert doc.get("schema") == "gongji-vectors/1", file
        for case in doc["cases"]:
            suite.addTest(VectorCase(file=file, suite_op=doc["op"], case=case))
    return suite
