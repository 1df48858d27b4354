# frozen_string_literal: true

module Kemitraan
  Lib.status :km_graph_new, :pointer, :uint32, :pointer, :pointer, :pointer, :size_t, :int, :pointer
  Lib.func :km_graph_free, :void, :pointer
  Lib.func :km_graph_vertex_count, :uint32, :km_graph
  Lib.func :km_graph_edge_count, :uint64, :km_graph
  Lib.func :km_graph_is_directed, :int, :km_graph
  Lib.func :km_graph_is_weighted, :int, :km_graph
  Lib.status :km_graph_edges, :pointer, :pointer, :pointer, :size_t, :km_graph
  Lib.status :km_graph_degree, :pointer, :size_t, :km_graph, :int
  Lib.status :km_graph_strength, :pointer, :size_t, :km_graph, :int
  Lib.status :km_graph_components, :pointer, :size_t, :pointer, :km_graph
  Lib.status :km_graph_component_sizes, :pointer, :size_t, :pointer, :km_graph
  Lib.status :km_graph_density, :pointer, :km_graph
  Lib.status :km_graph_clustering, :pointer, :size_t, :km_graph, :int
  Lib.status :km_graph_average_clustering, :pointer, :km_graph, :int
  Lib.status :km_graph_transitivity, :pointer, :km_graph
  Lib.status :km_graph_core_number, :pointer, :size_t, :km_graph
  Lib.status :km_graph_betweenness, :pointer, :size_t, :km_graph, :pointer
  Lib.status :km_graph_betweenness_error_bound, :pointer, :uint32, :uint32, :double, :int, :int
  Lib.status :km_graph_closeness, :pointer, :size_t, :km_graph, :pointer
  Lib.status :km_graph_harmonic, :pointer, :size_t, :km_graph, :pointer
  Lib.status :km_graph_pagerank, :pointer, :size_t, :km_graph, :pointer
  Lib.status :km_graph_eigenvector, :pointer, :size_t, :km_graph, :pointer
  Lib.status :km_graph_constraint, :pointer, :size_t, :km_graph, :int
  Lib.status :km_graph_brokerage, :pointer, :size_t, :km_graph, :pointer, :size_t
  Lib.status :km_graph_write_dot, :km_graph, :pointer, :km_write_fn, :pointer
  Lib.status :km_graph_write_gexf, :km_graph, :pointer, :km_write_fn, :pointer

  # Which arcs of a directed graph a degree counts (km_graph_mode).
  GraphMode = EnumType.new(:graph_mode, { out: 1, in: 2, all: 3 })

  # Gould-Fernandez brokerage roles (km_brokerage_role), in output order.
  BROKERAGE_ROLES = %i[coordinator itinerant gatekeeper representative liaison].freeze
  Brokerage = Struct.new(*BROKERAGE_ROLES)

  # An immutable graph over the vertices 0..n-1 (km_graph). Edges are
  # [u, v] or [u, v, weight]; self-loops are dropped and repeated edges
  # merged (weights summed). Every measure returns one value per vertex.
  class Graph
    attr_reader :handle

    def initialize(n_vertices, edges = [], weights: nil, directed: false)
      edges = edges.to_a
      weights ||= edges.map { |e| e[2] } if !edges.empty? && edges.first.size == 3
      if weights && weights.size != edges.size
        raise ArgumentError, "weights: #{weights.size} values for #{edges.size} edges"
      end

      arena = Lib::Arena.new
      src = arena.array(:uint32, edges.map { |e| e[0] })
      dst = arena.array(:uint32, edges.map { |e| e[1] })
      w = weights ? arena.array(:double, weights.map(&:to_f)) : nil
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_graph_new(out, n_vertices, src, dst, w, edges.size, directed ? 1 : 0, nil)
      @handle = Handle.new(:km_graph, out.read_pointer, Lib.method(:km_graph_free))
    end

    # With a block: yields the graph and frees it afterwards.
    def self.open(*args, **kwargs)
      g = new(*args, **kwargs)
      return g unless block_given?

      begin
        yield g
      ensure
        g.close
      end
    end

    def close
      @handle.close
    end

    def vertex_count = Lib.km_graph_vertex_count(@handle)
    alias size vertex_count
    def edge_count = Lib.km_graph_edge_count(@handle)
    def directed? = Lib.km_graph_is_directed(@handle) == 1
    def weighted? = Lib.km_graph_is_weighted(@handle) == 1

    def inspect
      return '#<Kemitraan::Graph closed>' if @handle.closed?

      "#<Kemitraan::Graph #{vertex_count} vertices, #{edge_count} edges#{directed? ? ', directed' : ''}>"
    end

    # The merged edge list, sorted: [[source, target, weight], ...].
    def edges
      m = edge_count
      src = FFI::MemoryPointer.new(:uint32, [m, 1].max)
      dst = FFI::MemoryPointer.new(:uint32, [m, 1].max)
      w = FFI::MemoryPointer.new(:double, [m, 1].max)
      Lib.km_graph_edges(src, dst, w, m, @handle)
      src.read_array_of_uint32(m).zip(dst.read_array_of_uint32(m), w.read_array_of_double(m))
    end

    def degree(mode = :all) = per_vertex(:uint32, :km_graph_degree, GraphMode.to_i(mode, 'mode'))
    def strength(mode = :all) = per_vertex(:double, :km_graph_strength, GraphMode.to_i(mode, 'mode'))

    # [component number of each vertex, number of components].
    def components
      n = vertex_count
      out = FFI::MemoryPointer.new(:uint32, [n, 1].max)
      count = FFI::MemoryPointer.new(:uint32)
      Lib.km_graph_components(out, n, count, @handle)
      [out.read_array_of_uint32(n), count.read_uint32]
    end

    def component_sizes
      n = vertex_count
      out = FFI::MemoryPointer.new(:uint32, [n, 1].max)
      count = FFI::MemoryPointer.new(:uint32)
      Lib.km_graph_component_sizes(out, n, count, @handle)
      out.read_array_of_uint32(count.read_uint32)
    end

    def density = scalar(:km_graph_density)
    def clustering(weighted: false) = per_vertex(:double, :km_graph_clustering, weighted ? 1 : 0)
    def average_clustering(weighted: false) = scalar(:km_graph_average_clustering, weighted ? 1 : 0)
    def transitivity = scalar(:km_graph_transitivity)
    def core_number = per_vertex(:uint32, :km_graph_core_number)

    def betweenness(normalized: false, weighted: false, threads: 0, samples: 0, seed: 0)
      opts = Native::BetweennessOptions.make(normalized: normalized ? 1 : 0, weighted: weighted ? 1 : 0,
                                             threads: threads, samples: samples, seed: seed)
      per_vertex(:double, :km_graph_betweenness, opts.pointer)
    end

    def self.betweenness_error_bound(n_vertices, samples, failure_probability, directed: false, normalized: false)
      out = FFI::MemoryPointer.new(:double)
      Lib.km_graph_betweenness_error_bound(out, n_vertices, samples, failure_probability, directed ? 1 : 0,
                                           normalized ? 1 : 0)
      out.read_double
    end

    def closeness(weighted: false, wf_improved: true, threads: 0)
      opts = Native::ClosenessOptions.make(weighted: weighted ? 1 : 0, wf_improved: wf_improved ? 1 : 0,
                                           threads: threads)
      per_vertex(:double, :km_graph_closeness, opts.pointer)
    end

    def harmonic(weighted: false, threads: 0)
      opts = Native::ClosenessOptions.make(weighted: weighted ? 1 : 0, threads: threads)
      per_vertex(:double, :km_graph_harmonic, opts.pointer)
    end

    def pagerank(damping: 0.85, tolerance: 1e-14, max_iter: 1000, weighted: true)
      opts = Native::PagerankOptions.make(damping: damping, tolerance: tolerance, max_iter: max_iter,
                                          weighted: weighted ? 1 : 0)
      per_vertex(:double, :km_graph_pagerank, opts.pointer)
    end

    def eigenvector(tolerance: 1e-14, max_iter: 1000, weighted: false)
      opts = Native::EigenvectorOptions.make(tolerance: tolerance, max_iter: max_iter, weighted: weighted ? 1 : 0)
      per_vertex(:double, :km_graph_eigenvector, opts.pointer)
    end

    def constraint(weighted: false) = per_vertex(:double, :km_graph_constraint, weighted ? 1 : 0)

    # Gould-Fernandez brokerage counts per vertex (Brokerage structs),
    # +groups+ giving each vertex's group (any Integers).
    def brokerage(groups)
      n = vertex_count
      g = FFI::MemoryPointer.new(:int32, [groups.size, 1].max)
      g.write_array_of_int32(groups) unless groups.empty?
      out = FFI::MemoryPointer.new(:uint64, [5 * n, 1].max)
      Lib.km_graph_brokerage(out, 5 * n, @handle, g, groups.size)
      out.read_array_of_uint64(5 * n).each_slice(5).map { |counts| Brokerage.new(*counts) }
    end

    # Graphviz DOT text; attributes maps a name to one Float per vertex.
    def to_dot(name: nil, labels: nil, attributes: nil) = export(:km_graph_write_dot, name, labels, attributes)

    # GEXF 1.3 (Gephi) text.
    def to_gexf(name: nil, labels: nil, attributes: nil) = export(:km_graph_write_gexf, name, labels, attributes)

    private

    def per_vertex(type, fn, *args)
      n = vertex_count
      out = FFI::MemoryPointer.new(type, [n, 1].max)
      Lib.send(fn, out, n, @handle, *args)
      out.send(:"read_array_of_#{type}", n)
    end

    def scalar(fn, *args)
      out = FFI::MemoryPointer.new(:double)
      Lib.send(fn, out, @handle, *args)
      out.read_double
    end

    def export(fn, name, labels, attributes)
      arena = Lib::Arena.new
      opts = Native::GraphExportOptions.make(name: arena.str(name, 'export.name'))
      if labels
        opts[:labels], opts[:values_len] = arena.strs(labels, 'export.labels')
      end
      if attributes && !attributes.empty?
        names = attributes.keys
        cols = names.map { |k| arena.array(:double, attributes[k].map(&:to_f)) }
        opts[:attr_names], opts[:attr_count] = arena.strs(names.map(&:to_s), 'export.attr_names')
        opts[:attr_values] = arena.array(:pointer, cols)
        opts[:values_len] = attributes[names.first].size
      end
      chunks = []
      writer = FFI::Function.new(:int, %i[pointer pointer size_t]) do |_payload, data, len|
        chunks << data.read_bytes(len)
        0
      rescue Exception => e # rubocop:disable Lint/RescueException -- never unwind through C
        Lib.pending = e
        1
      end
      Lib.send(fn, @handle, opts.pointer, writer, nil)
      chunks.join.force_encoding(Lib::UTF8)
    end
  end
end
