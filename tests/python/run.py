"""Runs the Python tests of the gongji bindings and prints `N passed, M failed`.

    pip install bindings/uniffi/python && python3 tests/python/run.py   (cargo xtask test-mobile does this, in a fresh venv)

GONGJI_CASES may name the flat case file to replay (default: the one
`cargo run -p gongji-conformance --bin cases` writes; tests/vectors/README.md).
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if result.wasSuccessful() and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
