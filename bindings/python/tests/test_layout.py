"""The ctypes mirrors match the C headers; every function is declared."""
import ctypes
import os
import re
import unittest

from support import REPO, km, struct_layout

from kemitraan import _lib, _types

# Headers this binding covers (a header added later is bound by a new module
# and added here).
COVERED = ["common.h", "version.h", "sys/storage.h", "network.h", "file.h", "partner.h", "audit.h",
           "agreement.h", "framework.h", "money.h", "dimension.h", "graph.h", "commitment.h", "indicator.h", "scorecard.h", "dispute.h",
           "opportunity.h", "view.h", "match.h"]


def header_functions(name):
    with open(os.path.join(REPO, "include", "kemitraan", name), encoding="utf-8") as f:
        text = f.read()
    return set(re.findall(r"KM_EXTERN\s[^;(]*?\b(km_\w+)\s*\(", text))


class LayoutTest(unittest.TestCase):
    def setUp(self):
        self.layout = struct_layout()
        if self.layout is None:
            self.skipTest("struct_layout helper not available (no compiler, no build tree)")

    def test_every_c_struct_is_mirrored(self):
        self.assertEqual(sorted(self.layout), sorted(_types.STRUCTS))

    def test_sizes_offsets_and_order(self):
        """Each mirror equals its C struct; a mirror of an older version of a
        struct that has grown since must be an exact prefix of it (the
        library accepts older versions, so such a binding still works)."""
        for name, info in self.layout.items():
            cls = _types.STRUCTS[name]
            with self.subTest(struct=name):
                self.assertLessEqual(cls._version_, info["version"], "%s mirrors a newer version" % name)
                mine = [f[0] for f in cls._fields_]
                theirs = [f["name"] for f in info["fields"]]
                if cls._version_ == info["version"]:
                    self.assertEqual(ctypes.sizeof(cls), info["size"], "sizeof(%s)" % name)
                    self.assertEqual(mine, theirs, "members of %s in declaration order" % name)
                else:
                    self.assertLessEqual(ctypes.sizeof(cls), info["size"], "sizeof(%s)" % name)
                    self.assertEqual(mine, theirs[:len(mine)], "members of %s: a prefix of the C struct" % name)
                for f in info["fields"][:len(mine)]:
                    member = getattr(cls, f["name"])
                    self.assertEqual(member.offset, f["offset"], "offsetof(%s, %s)" % (name, f["name"]))
                    self.assertEqual(member.size, f["size"], "sizeof(%s.%s)" % (name, f["name"]))

    def test_init_values(self):
        for name, info in self.layout.items():
            cls = _types.STRUCTS[name]
            if name == "km_auth_request":
                continue  # filled in by the library; it has no *_INIT
            with self.subTest(struct=name):
                obj = cls()
                for f in info["fields"]:
                    if f["name"] == "version":
                        self.assertEqual(obj.version, cls._version_)
                    elif "init" in f and hasattr(cls, f["name"]):
                        self.assertAlmostEqual(getattr(obj, f["name"]), f["init"], places=15,
                                               msg="%s.%s *_INIT value" % (name, f["name"]))


class DeclarationTest(unittest.TestCase):
    def test_every_function_has_argtypes_and_restype(self):
        self.assertEqual(_lib.MISSING, [], "functions absent from the loaded library")
        for name, fn in _lib.DECLARED.items():
            with self.subTest(function=name):
                self.assertIsNotNone(fn.argtypes, name)
                self.assertTrue(hasattr(fn, "restype"), name)

    def test_every_function_of_the_covered_headers_is_bound(self):
        total = 0
        for header in COVERED:
            found = header_functions(header)
            total += len(found)
            missing = header_functions(header) - set(_lib.DECLARED)
            self.assertEqual(missing, set(), "unbound functions of %s" % header)
        self.assertGreater(total, 200)  # the header parser found the API

    def test_status_functions_raise_and_value_functions_do_not(self):
        self.assertIs(_lib.DECLARED["km_partner_create"].errcheck, _lib._errcheck)
        self.assertFalse(hasattr(_lib.DECLARED["km_partner_kind_of"], "errcheck")
                         and _lib.DECLARED["km_partner_kind_of"].errcheck is _lib._errcheck)

    def test_handle_types_are_distinct(self):
        with km.Network.open() as net:
            p = net.create_partner("Mitra", "ID-NIB-1")
            fn = _lib.DECLARED["km_network_seq"]
            with self.assertRaises(ctypes.ArgumentError):
                fn(p._h.ptr)  # a partner where a network is expected
            self.assertEqual(fn(net._p), 1)

    def test_library_version_matches_binding(self):
        self.assertEqual(km.km_version() // 10000, km.EXPECTED_MAJOR)
        self.assertRegex(km.library_version(), r"^\d+\.\d+\.\d+$")
        self.assertTrue(os.path.exists(km.library_path) or "/" not in km.library_path)


if __name__ == "__main__":
    unittest.main()
