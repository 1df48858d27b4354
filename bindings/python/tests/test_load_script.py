"""examples/load_script.py: the demo's script loaded through the binding
gives the very log the C tool writes (same head hash), and a bad step stops
the load naming the step."""
import importlib.util
import json
import os
import re
import subprocess
import sys
import unittest

from support import PKG_ROOT, REPO, km, tmpdir

SCRIPT = os.path.join(REPO, "examples", "demo-network.json")
#: The head hash `kemitraan load examples/demo-network.json` gives (actor
#: admin:demo@parahyangan.go.id). Compared with only when the tool is not
#: built; otherwise the tool computes it in the test. Update it when the
#: script changes (kemitraan --store X stats --json shows it).
DEMO_HEAD = "25cc844eff70e131a6986ce973b08688b30e32811c06cdbf7f1a0d813237eacb"

_spec = importlib.util.spec_from_file_location("load_script", os.path.join(PKG_ROOT, "examples", "load_script.py"))
loader = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(loader)


def tool_path():
    """The kemitraan tool: KEMITRAAN_TOOL (ctest sets it), else the build
    tree next to the library, else <repo>/build/tools/kemitraan; or None."""
    env = os.environ.get("KEMITRAAN_TOOL")
    if env:
        return env
    for base in (os.path.dirname(km.library_path), os.path.join(REPO, "build")):
        candidate = os.path.join(base, "tools", "kemitraan")
        if os.path.exists(candidate):
            return candidate
    return None


def first_difference(path_a, path_b):
    """The first log entry that differs between two stores, as text."""
    with km.Network.open(path_a, read_only=True) as a, km.Network.open(path_b, read_only=True) as b:
        for x, y in zip(a.audit(), b.audit()):
            if x != y:
                return "first difference:\n  %r\n  %r" % (x, y)
        return "no entry differs; lengths %d and %d" % (a.seq, b.seq)


class LoadScriptTest(unittest.TestCase):
    def setUp(self):
        self.dir = tmpdir(self)

    def write(self, steps):
        path = os.path.join(self.dir, "script.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"format": "kemitraan-script-1", "steps": steps}, f)
        return path

    def test_demo_gives_the_c_tools_head_hash(self):
        store = os.path.join(self.dir, "py.km")
        steps, head, stats = loader.load(store, SCRIPT)
        self.assertEqual(steps, 1318)
        self.assertEqual(stats.log_entries, 1318)
        self.assertEqual((stats.partners, stats.agreements, stats.disputes), (60, 40, 2))
        tool = tool_path()
        if tool is None:
            # Without the tool: the hash it gave when the script was written.
            self.assertEqual(head, DEMO_HEAD, "kemitraan tool not built: compared with DEMO_HEAD")
        else:
            c_store = os.path.join(self.dir, "c.km")
            env = dict(os.environ)
            env.pop("KEMITRAAN_TEST_CLOCK", None)

            def run(*args):
                res = subprocess.run([tool, "--store", c_store] + list(args), env=env, capture_output=True,
                                     text=True, timeout=300)
                self.assertEqual(res.returncode, 0, "%s: %s" % (tool, res.stderr))
                return res.stdout
            run("init")
            run("--actor", loader.DEFAULT_ACTOR, "--sync", "off", "load", SCRIPT)
            c_head = json.loads(run("stats", "--json"))["head_hash"]
            self.assertEqual(head, c_head, first_difference(store, c_store) if head != c_head else "")
        with km.Network.open(store, read_only=True) as net:
            self.assertEqual(net.head_hash, head)
            self.assertTrue(net.verify())
            self.assertEqual(net.partner_by_external_id("ID-KEMENDAGRI-32-DINKES").name,
                             "Dinas Kesehatan Provinsi Parahyangan Raya")

    def test_command_line(self):
        store = os.path.join(self.dir, "cli.km")
        script = self.write([
            {"at": "2024-01-02T09:00:00+07:00", "as": "p",
             "cmd": ["partner", "add", "--name", "Dinas A", "--external-id", "ID-X-1", "--kind=ngo"]},
        ])
        res = subprocess.run([sys.executable, os.path.join(PKG_ROOT, "examples", "load_script.py"), store, script],
                             capture_output=True, text=True, timeout=120, env=os.environ.copy())
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("partners    : 1", res.stdout)
        with km.Network.open(store, read_only=True) as net:
            p = net.partner(1)
            self.assertEqual(p.kind, km.PartnerKind.NGO)
            self.assertEqual(p.created.isoformat(), "2024-01-02T02:00:00+00:00")
            self.assertEqual(next(iter(net.audit())).actor, loader.DEFAULT_ACTOR)

    def load_bad(self, bad_step):
        steps = [{"as": "p", "cmd": ["partner", "add", "--name", "Dinas A", "--external-id", "ID-X-1",
                                     "--kind", "ngo"]}, bad_step]
        store = os.path.join(self.dir, "bad.km")
        with self.assertRaises(loader.ScriptError) as cm:
            loader.load(store, self.write(steps))
        # Checked or rehearsed first: nothing was written.
        with km.Network.open(store) as net:
            self.assertEqual(net.seq, 0)
        return str(cm.exception)

    def test_errors_name_the_step(self):
        self.assertIn("step 2: unknown command \"partner frobnicate\"",
                      self.load_bad({"cmd": ["partner", "frobnicate", "@p"]}))
        self.assertIn("step 2: unknown option --nmae", self.load_bad({"cmd": ["partner", "add", "--nmae", "x"]}))
        self.assertIn("step 2: unknown command \"partner list\"", self.load_bad({"cmd": ["partner", "list"]}))
        self.assertIn("step 2: \"@q\" is not named", self.load_bad({"cmd": ["agreement", "propose", "@q"]}))
        self.assertIn("step 2: agreement add: --start: \"2024-02-30\": not a date",
                      self.load_bad({"cmd": ["agreement", "add", "--title", "T", "--start", "2024-02-30"]}))
        self.assertIn("step 2: agreement add: --value: \"1.234\": at most 2 decimals for IDR",
                      self.load_bad({"cmd": ["agreement", "add", "--value", "1.234", "--currency", "IDR"]}))
        self.assertIn("step 2: agreement add: --party: \"abc\": one of",
                      self.load_bad({"cmd": ["agreement", "add", "--party", "@p:abc"]}))
        # The library's refusal, with its message.
        msg = self.load_bad({"cmd": ["agreement", "sign", "99", "--partner", "@p"]})
        self.assertIn("step 2: agreement sign:", msg)

    def test_enum_names_are_the_tools(self):
        """The loader reads enum values by the binding's member names: they
        must be the tool's machine names (tools/kemitraan/enums.c), in order."""
        with open(os.path.join(REPO, "tools", "kemitraan", "enums.c"), encoding="utf-8") as f:
            src = f.read()
        tables = {m.group(1): re.findall(r'"([^"]*)"', m.group(2))
                  for m in re.finditer(r"static const char \*const (\w+)_names\[\] = \{(.*?)\};", src, re.S)}
        pairs = {"partner_kind": km.PartnerKind, "dimension": km.Dimension, "agreement_type": km.AgreementType,
                 "role": km.Role, "milestone_type": km.MilestoneType, "milestone_status": km.MilestoneStatus,
                 "risk_category": km.RiskCategory, "risk_allocation": km.RiskAllocation, "incentive": km.Incentive,
                 "commitment_kind": km.CommitmentKind, "loan_method": km.LoanMethod, "ledger_type": km.LedgerType,
                 "measure": km.Measure, "result_level": km.ResultLevel, "direction": km.Direction,
                 "frequency": km.Frequency, "time_aggregation": km.TimeAggregation,
                 "cross_aggregation": km.CrossAggregation, "dispute_category": km.dispute.DisputeCategory,
                 "dispute_severity": km.dispute.DisputeSeverity, "dispute_forum": km.dispute.DisputeForum}
        for table, cls in pairs.items():
            self.assertEqual(tables.get(table), [m.name.lower() for m in cls], table)

    def test_values_as_the_tool_reads_them(self):
        self.assertEqual(loader.parse_money("1500000.5", "IDR", "--value"), 150000050)
        self.assertEqual(loader.parse_money("12", "JPY", "--value"), 12)
        self.assertEqual(loader.parse_money("100", "person-days", "--amount"), 100)
        for bad in ("-1", "1.", ".5", "1e3", "1,5", ""):
            with self.assertRaises(loader.Usage):
                loader.parse_money(bad, "IDR", "--value")
        self.assertEqual(loader.role_mask("funding,accountable", "--party"), int(km.Role.FUNDING | km.Role.ACCOUNTABLE))
        self.assertEqual(loader.enum_value(km.AgreementType, "Community-Partnership", "--type"),
                         int(km.AgreementType.COMMUNITY_PARTNERSHIP))
        self.assertEqual(loader.enum_value(km.AgreementType, "3", "--type"), 3)
        wib = loader.parse_time("2023-01-02")
        self.assertEqual(wib, loader.parse_time("2023-01-01T17:00:00Z"))
        self.assertEqual(loader.parse_time("2023-01-02", end_of_day=True) - wib, 86400 * 1000000 - 1)
        self.assertEqual(loader.parse_time("2023-01-02T09:00:00+07:00"), loader.parse_time("2023-01-02T09:00"))
        self.assertEqual(loader.parse_time("2023-01-02T02:00:00.5Z") - loader.parse_time("2023-01-02T02:00Z"), 500000)
        for bad in ("2023-02-29", "2023-01-02T24:00", "2023-1-2", "1969-12-31", "2023-01-02T09:00:00.1234567Z"):
            self.assertIsNone(loader.parse_time(bad), bad)


if __name__ == "__main__":
    unittest.main()
