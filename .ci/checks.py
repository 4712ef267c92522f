"""The pass/fail bookkeeping the end-to-end scripts share: each check prints one line, and
`finish` prints the totals and exits non-zero when any check failed."""
import sys


class Checks:
    def __init__(self, label):
        self.label, self.passed, self.failed = label, 0, 0

    def __call__(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f" {detail}" if detail != "" else ""))
        return ok

    def finish(self):
        print(f"{self.label}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
