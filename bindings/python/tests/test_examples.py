"""The examples run and verify their store."""
import os
import subprocess
import sys
import unittest

from support import PKG_ROOT


class ExamplesTest(unittest.TestCase):
    def test_quickstart(self):
        res = subprocess.run([sys.executable, os.path.join(PKG_ROOT, "examples", "quickstart.py")],
                             capture_output=True, text=True, timeout=120, env=os.environ.copy())
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stderr, "")
        self.assertIn("partner.email", res.stdout)
        self.assertIn("Rp1.250.000.000,00", res.stdout)
        self.assertIn("verify: OK, 7 entries", res.stdout)
        self.assertIn("matches published head: True", res.stdout)
