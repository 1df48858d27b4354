# frozen_string_literal: true

# Bindings of match.h: every function declared (Lib.km_*), every versioned
# struct mirrored, the enums with their labels, the entities as immutable
# objects with one reader per C accessor and generic keyword forms of the
# main calls.
module Kemitraan
  %i[km_matches].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    class MatchNeed < Versioned
      layout :version, :uint, :tags, :pointer, :tags_count, :size_t, :sectors, :pointer, :sectors_count, :size_t,
             :region, :pointer, :partner_id, :uint64
    end
    mirror 'km_match_need', MatchNeed, 1

    class MatchOptions < Versioned
      layout :version, :uint, :w_capability, :double, :w_sector, :double, :w_region, :double, :w_network, :double,
             :w_track_record, :double, :w_disputes, :double, :w_suspended, :double, :include_suspended, :int,
             :exclude_existing, :int, :use_evaluation, :int, :kind, :int, :min_score, :double, :limit, :uint32,
             :as_of, :pointer
    end
    mirror 'km_match_options', MatchOptions, 1, w_capability: 0.35, w_sector: 0.15, w_region: 0.15, w_network: 0.15,
           w_track_record: 0.2, w_disputes: 0.25, w_suspended: 0.5, exclude_existing: 1, use_evaluation: 1,
           kind: -1, limit: 20
  end

  # Member kinds of the structs, for Records.fill.
  MATCH_NEED_KINDS = { tags: :strs, tags_count: :int, sectors: :strs, sectors_count: :int, region: :str,
                       partner_id: :int }.freeze
  MATCH_OPTIONS_KINDS = { w_capability: :float, w_sector: :float, w_region: :float, w_network: :float,
                          w_track_record: :float, w_disputes: :float, w_suspended: :float, include_suspended: :int,
                          exclude_existing: :int, use_evaluation: :int, kind: :int, min_score: :float, limit: :int,
                          as_of: :str }.freeze

  # ---- functions ----
  Lib.status :km_match_for_partner, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_match_for_need, :pointer, :km_network, :pointer, :pointer
  Lib.func :km_matches_count, :size_t, :km_matches
  Lib.func :km_matches_partner, :uint64, :km_matches, :size_t
  Lib.func :km_matches_score, :double, :km_matches, :size_t
  Lib.func :km_matches_component, :double, :km_matches, :size_t, :int
  Lib.func :km_matches_detail, :int64, :km_matches, :size_t, :int
  Lib.func :km_matches_free, :void, :pointer

  # ---- enums ----
  # km_match_component
  MatchComponent = EnumType.new(:match_component, { capability: 0, sector: 1, region: 2, network: 3,
                                                    track_record: 4, disputes: 5, suspended: 6 })
  # km_match_detail
  MatchDetail = EnumType.new(:match_detail, { tags_matched: 0, sectors_matched: 1, region_segments: 2,
                                              common_neighbours: 3, distance: 4, completed: 5, open_disputes: 6,
                                              evaluation_permille: 7 })

  # Match methods of Network (generic keyword forms).
  class Network
  end
end
