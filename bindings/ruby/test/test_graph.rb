# frozen_string_literal: true

require_relative 'support'

class TestGraph < Minitest::Test
  EDGES = [[0, 1], [1, 2], [2, 3], [1, 4], [2, 4]].freeze

  def setup
    @g = Kemitraan::Graph.new(6, EDGES) # vertex 5 is isolated
  end

  def teardown
    @g.close
  end

  def test_structure
    assert_equal [6, 6, 5], [@g.vertex_count, @g.size, @g.edge_count]
    refute @g.directed?
    refute @g.weighted?
    assert_equal [[0, 1, 1.0], [1, 2, 1.0], [1, 4, 1.0], [2, 3, 1.0], [2, 4, 1.0]], @g.edges
  end

  def test_measures
    assert_equal [1, 3, 3, 1, 2, 0], @g.degree
    assert_equal [1.0, 3.0, 3.0, 1.0, 2.0, 0.0], @g.strength
    assert_equal [[0, 0, 0, 0, 0, 1], 2], @g.components
    assert_equal [5, 1], @g.component_sizes
    assert_in_delta 5.0 / 15, @g.density
    assert_equal [1, 2, 2, 1, 2, 0], @g.core_number
    cl = @g.clustering
    assert_in_delta 1.0 / 3, cl[1]
    assert_in_delta cl.sum / 6, @g.average_clustering
    assert_in_delta 3.0 / 7, @g.transitivity, 1e-12
    assert_equal [0.0, 3.0, 3.0, 0.0, 0.0, 0.0], @g.betweenness
    assert_in_delta 1.0, @g.pagerank.sum, 1e-9
    assert_in_delta 1 + 0.5 + (1.0 / 3) + 0.5, @g.harmonic[0]
    assert_in_delta 1.0, Math.sqrt(@g.eigenvector.sum { |x| x * x }), 1e-9
    assert @g.closeness.all? { |x| x >= 0 }
    assert @g.constraint[5].nan?
    b = @g.brokerage([0, 0, 1, 1, 0, 2])
    assert_equal Kemitraan::Brokerage.new(0, 0, 0, 0, 0), b[0]
    assert_operator Kemitraan::Graph.betweenness_error_bound(1000, 100, 0.05), :>, 0
  end

  def test_weighted_directed
    g = Kemitraan::Graph.new(3, [[0, 1, 2.5], [1, 2, 1.0], [0, 1, 0.5]], directed: true)
    assert g.directed? && g.weighted?
    assert_equal [[0, 1, 3.0], [1, 2, 1.0]], g.edges
    assert_equal [1, 1, 0], g.degree(:out)
    assert_equal [0, 1, 1], g.degree(:in)
  end

  def test_exports
    dot = @g.to_dot(name: 'Jaringan "Jabar"', labels: ['Dinkes', 'PT Sehat', nil, 'ITP', 'LSM', 'Rina'],
                    attributes: { 'betweenness' => @g.betweenness })
    assert_includes dot, 'label="Dinkes"'
    assert_includes dot, '"betweenness"="3"'
    assert_includes dot, '\\"Jabar\\"'
    gexf = @g.to_gexf(labels: ['é'] * 6)
    assert gexf.start_with?('<?xml')
    assert_includes gexf, 'label="é"'
    assert_equal Encoding::UTF_8, gexf.encoding
  end

  def test_errors
    err = assert_raises(Kemitraan::InvalidArgument) { Kemitraan::Graph.new(3, [[0, 1], [1, 7]]) }
    assert_equal 'dst[1]', err.field
    err = assert_raises(Kemitraan::InvalidArgument) { Kemitraan::Graph.new(3, [[0, 1, -1.0]]) }
    assert_equal 'weights[0]', err.field
    assert_raises(Kemitraan::InvalidArgument) { @g.betweenness(samples: 1) }
    assert_raises(ArgumentError) { Kemitraan::Graph.new(3, [[0, 1]], weights: [1.0, 2.0]) }
  end

  def test_block_form_and_close
    g = nil
    assert_equal [1, 1], Kemitraan::Graph.open(2, [[0, 1]]) { |x| (g = x).degree }
    assert_raises(Kemitraan::ClosedError) { g.degree }
    g.close
  end
end
