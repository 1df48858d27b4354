"""Graph measures and exports through the binding."""
import math
import unittest

from support import km

# Zachary-like small example: a path 0-1-2-3 plus a triangle 1-2-4.
EDGES = [(0, 1), (1, 2), (2, 3), (1, 4), (2, 4)]


class GraphTest(unittest.TestCase):
    def setUp(self):
        self.g = km.Graph(6, EDGES)  # vertex 5 is isolated
        self.addCleanup(self.g.close)

    def test_structure(self):
        self.assertEqual((self.g.vertex_count, len(self.g), self.g.edge_count), (6, 6, 5))
        self.assertFalse(self.g.directed)
        self.assertFalse(self.g.weighted)
        self.assertEqual(self.g.edges(), [(0, 1, 1.0), (1, 2, 1.0), (1, 4, 1.0), (2, 3, 1.0), (2, 4, 1.0)])
        self.assertIn("6 vertices", repr(self.g))

    def test_measures(self):
        self.assertEqual(self.g.degree(), [1, 3, 3, 1, 2, 0])
        self.assertEqual(self.g.strength(), [1.0, 3.0, 3.0, 1.0, 2.0, 0.0])
        self.assertEqual(self.g.components(), ([0, 0, 0, 0, 0, 1], 2))
        self.assertEqual(self.g.component_sizes(), [5, 1])
        self.assertAlmostEqual(self.g.density(), 5 / 15)
        self.assertEqual(self.g.core_number(), [1, 2, 2, 1, 2, 0])
        cl = self.g.clustering()
        self.assertAlmostEqual(cl[1], 1 / 3)
        self.assertAlmostEqual(cl[4], 1.0)
        self.assertAlmostEqual(self.g.average_clustering(), sum(cl) / 6)
        self.assertAlmostEqual(self.g.transitivity(), 3 * 1 / 7 * 1.0, places=12)
        self.assertEqual(self.g.betweenness(), [0.0, 3.0, 3.0, 0.0, 0.0, 0.0])
        pr = self.g.pagerank()
        self.assertAlmostEqual(sum(pr), 1.0, places=9)
        self.assertTrue(all(x >= 0 for x in self.g.closeness()))
        self.assertAlmostEqual(self.g.harmonic()[0], 1 + 1 / 2 + 1 / 3 + 1 / 2)
        ev = self.g.eigenvector()
        self.assertAlmostEqual(math.sqrt(sum(x * x for x in ev)), 1.0, places=9)
        self.assertTrue(math.isnan(self.g.constraint()[5]))
        b = self.g.brokerage([0, 0, 1, 1, 0, 2])
        self.assertIsInstance(b[1], km.Brokerage)
        self.assertEqual(b[0], km.Brokerage(0, 0, 0, 0, 0))
        self.assertGreater(km.Graph.betweenness_error_bound(1000, 100, 0.05), 0)

    def test_weighted_and_directed(self):
        g = km.Graph(3, [(0, 1, 2.5), (1, 2, 1.0), (0, 1, 0.5)], directed=True)
        self.assertTrue(g.directed and g.weighted)
        self.assertEqual(g.edges(), [(0, 1, 3.0), (1, 2, 1.0)])
        self.assertEqual(g.degree(km.GraphMode.OUT), [1, 1, 0])
        self.assertEqual(g.degree(km.GraphMode.IN), [0, 1, 1])
        self.assertEqual(g.strength(km.GraphMode.OUT), [3.0, 1.0, 0.0])

    def test_exports(self):
        dot = self.g.to_dot(name="Jaringan \"Jabar\"", labels=["Dinkes", "PT Sehat", None, "ITP", "LSM", "Rina"],
                            attributes={"betweenness": self.g.betweenness()})
        self.assertIn('label="Dinkes"', dot)
        self.assertIn('"betweenness"="3"', dot)
        self.assertIn('\\"Jabar\\"', dot)
        gexf = self.g.to_gexf(labels=["é"] * 6)
        self.assertTrue(gexf.startswith("<?xml"))
        self.assertIn('label="é"', gexf)

    def test_errors(self):
        with self.assertRaises(km.InvalidArgument) as cm:
            km.Graph(3, [(0, 1), (1, 7)])
        self.assertEqual(cm.exception.field, "dst[1]")
        with self.assertRaises(km.InvalidArgument) as cm:
            km.Graph(3, [(0, 1, -1.0)])
        self.assertEqual(cm.exception.field, "weights[0]")
        with self.assertRaises(km.RangeError):
            km.Graph(3, [(0, 1), (1, 2)], directed=True).pagerank(max_iter=1)
        with self.assertRaises(km.InvalidArgument):
            self.g.betweenness(samples=1)
        with self.assertRaises(ValueError):
            km.Graph(3, [(0, 1)], weights=[1.0, 2.0])

    def test_close(self):
        g = km.Graph(2, [(0, 1)])
        g.close()
        g.close()
        with self.assertRaises(ValueError):
            g.degree()
