# frozen_string_literal: true

# Bindings of view.h: every function declared (Lib.km_*), every versioned
# struct mirrored, the enums with their labels, the entities as immutable
# objects with one reader per C accessor and generic keyword forms of the
# main calls.
module Kemitraan
  %i[km_view].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    class ViewOptions < Versioned
      layout :version, :uint, :kind, :int, :as_of, :pointer, :active_only, :int, :family, :int, :type, :int,
             :framework_id, :uint64, :region_prefix, :pointer, :status_mask, :uint32, :vertices, :int, :weight,
             :int, :currency, :pointer, :flow, :int
    end
    mirror 'km_view_options', ViewOptions, 1, active_only: 1, family: -1, type: -1
  end

  # Member kinds of the structs, for Records.fill.
  VIEW_OPTIONS_KINDS = { kind: :int, as_of: :str, active_only: :int, family: :int, type: :int, framework_id: :int,
                         region_prefix: :str, status_mask: :int, vertices: :int, weight: :int, currency: :str,
                         flow: :int }.freeze

  # ---- functions ----
  Lib.status :km_view_build, :pointer, :km_network, :pointer
  Lib.func :km_view_free, :void, :pointer
  Lib.func :km_view_graph, :pointer, :km_view
  Lib.func :km_view_kind_of, :int, :km_view
  Lib.func :km_view_kind_label, :string, :int, :int
  Lib.func :km_view_as_of, :string, :km_view
  Lib.func :km_view_partner_count, :uint32, :km_view
  Lib.func :km_view_agreement_count, :uint32, :km_view
  Lib.func :km_view_partner_id, :uint64, :km_view, :uint32
  Lib.func :km_view_agreement_id, :uint64, :km_view, :uint32
  Lib.status :km_view_partner_vertex, :pointer, :km_view, :uint64
  Lib.status :km_view_agreement_vertex, :pointer, :km_view, :uint64
  Lib.status :km_view_groups, :pointer, :size_t, :km_view, :int, :uint32

  # ---- enums ----
  # km_view_kind
  ViewKind = EnumType.new(:view_kind, { coagreement: 0, resource_flow: 1, bipartite: 2 }, :km_view_kind_label)
  # km_view_weight
  ViewWeight = EnumType.new(:view_weight, { count: 0, value: 1 })
  # km_view_vertices
  ViewVertices = EnumType.new(:view_vertices, { all: 0, involved: 1 })
  # km_view_flow
  ViewFlow = EnumType.new(:view_flow, { committed: 0, disbursed: 1 })
  # km_view_group_by
  ViewGroupBy = EnumType.new(:view_group_by, { kind: 0, region: 1 })

  # View methods of Network (generic keyword forms).
  class Network
  end
end
