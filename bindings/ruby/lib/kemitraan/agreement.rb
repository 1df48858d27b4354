# frozen_string_literal: true

module Kemitraan
  Lib.status :km_agreement_create, :pointer, :km_network, :pointer
  Lib.status :km_agreement_update, :km_network, :uint64, :pointer, :uint32
  Lib.status :km_agreement_amend, :km_network, :uint64, :pointer, :uint32, :string
  Lib.status :km_agreement_add_party, :km_network, :uint64, :uint64, :uint32, :string
  Lib.status :km_agreement_remove_party, :km_network, :uint64, :uint64, :string
  Lib.status :km_agreement_transition, :km_network, :uint64, :int, :string, :string
  Lib.status :km_agreement_propose, :km_network, :uint64, :string
  Lib.status :km_agreement_sign, :km_network, :uint64, :uint64
  Lib.status :km_agreement_activate, :km_network, :uint64, :string
  Lib.status :km_agreement_suspend, :km_network, :uint64, :string
  Lib.status :km_agreement_resume, :km_network, :uint64, :string
  Lib.status :km_agreement_complete, :km_network, :uint64, :string
  Lib.status :km_agreement_terminate, :km_network, :uint64, :string
  Lib.status :km_agreement_cancel, :km_network, :uint64, :string
  Lib.status :km_agreement_expire_due, :pointer, :km_network, :string
  Lib.status :km_agreement_get, :pointer, :km_network, :uint64
  Lib.status :km_agreement_get_by_reference, :pointer, :km_network, :string
  Lib.status :km_agreement_get_version, :pointer, :km_network, :uint64, :uint32
  Lib.func :km_agreement_free, :void, :pointer
  Lib.func :km_agreement_id, :uint64, :km_agreement
  Lib.func :km_agreement_title, :string, :km_agreement
  Lib.func :km_agreement_reference, :string, :km_agreement
  Lib.func :km_agreement_type_of, :int, :km_agreement
  Lib.func :km_agreement_family_of, :int, :km_agreement
  Lib.func :km_agreement_purpose, :string, :km_agreement
  Lib.func :km_agreement_sector_count, :size_t, :km_agreement
  Lib.func :km_agreement_sector, :string, :km_agreement, :size_t
  Lib.func :km_agreement_region, :string, :km_agreement
  Lib.func :km_agreement_start_date, :string, :km_agreement
  Lib.func :km_agreement_end_date, :string, :km_agreement
  Lib.func :km_agreement_value, :int64, :km_agreement
  Lib.func :km_agreement_currency, :string, :km_agreement
  Lib.func :km_agreement_framework_id, :uint64, :km_agreement
  Lib.func :km_agreement_framework_version, :uint32, :km_agreement
  Lib.func :km_agreement_dimensions, :uint32, :km_agreement
  Lib.func :km_agreement_status_of, :int, :km_agreement
  Lib.func :km_agreement_status_reason, :string, :km_agreement
  Lib.func :km_agreement_override, :string, :km_agreement
  Lib.func :km_agreement_version, :uint32, :km_agreement
  Lib.func :km_agreement_amendment_rationale, :string, :km_agreement
  Lib.func :km_agreement_amendment_fields, :uint32, :km_agreement
  Lib.func :km_agreement_created, :int64, :km_agreement
  Lib.func :km_agreement_updated, :int64, :km_agreement
  Lib.func :km_agreement_version_time, :int64, :km_agreement
  Lib.func :km_agreement_party_count, :size_t, :km_agreement
  Lib.func :km_agreement_party, :uint64, :km_agreement, :size_t
  Lib.func :km_agreement_party_roles, :uint32, :km_agreement, :size_t
  Lib.func :km_agreement_party_signed, :int64, :km_agreement, :size_t
  Lib.func :km_agreement_document_count, :size_t, :km_agreement
  Lib.func :km_agreement_document_uri, :string, :km_agreement, :size_t
  Lib.func :km_agreement_document_sha256, :string, :km_agreement, :size_t
  Lib.status :km_agreement_list, :pointer, :km_network, :pointer
  Lib.status :km_agreement_count, :pointer, :km_network, :pointer
  Lib.func :km_agreement_page_count, :size_t, :km_agreement_page
  Lib.func :km_agreement_page_get, :pointer, :km_agreement_page, :size_t
  Lib.func :km_agreement_page_cursor, :string, :km_agreement_page
  Lib.func :km_agreement_page_free, :void, :pointer
  Lib.status :km_agreement_totals, :pointer, :pointer, :km_network, :int, :string, :uint32
  Lib.status :km_milestone_add, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_milestone_set_status, :km_network, :uint64, :uint32, :int, :string
  Lib.status :km_milestone_list, :pointer, :km_network, :uint64
  Lib.status :km_milestone_overdue, :pointer, :km_network, :string
  Lib.func :km_milestones_count, :size_t, :km_milestones
  Lib.func :km_milestones_agreement, :uint64, :km_milestones, :size_t
  Lib.func :km_milestones_number, :uint32, :km_milestones, :size_t
  Lib.func :km_milestones_type, :int, :km_milestones, :size_t
  Lib.func :km_milestones_title, :string, :km_milestones, :size_t
  Lib.func :km_milestones_due_date, :string, :km_milestones, :size_t
  Lib.func :km_milestones_status, :int, :km_milestones, :size_t
  Lib.func :km_milestones_date_met, :string, :km_milestones, :size_t
  Lib.func :km_milestones_free, :void, :pointer
  Lib.status :km_risk_add, :pointer, :km_network, :uint64, :int, :int, :string
  Lib.status :km_risk_update, :km_network, :uint64, :uint32, :int, :string
  Lib.status :km_risk_list, :pointer, :km_network, :uint64
  Lib.func :km_risks_count, :size_t, :km_risks
  Lib.func :km_risks_number, :uint32, :km_risks, :size_t
  Lib.func :km_risks_category, :int, :km_risks, :size_t
  Lib.func :km_risks_allocation, :int, :km_risks, :size_t
  Lib.func :km_risks_mitigation, :string, :km_risks, :size_t
  Lib.func :km_risks_free, :void, :pointer
  Lib.func :km_agreement_type_label, :string, :int, :int
  Lib.func :km_agreement_type_family, :int, :int
  Lib.func :km_family_label, :string, :int, :int
  Lib.func :km_agreement_status_label, :string, :int, :int
  Lib.func :km_role_label, :string, :uint32, :int
  Lib.func :km_role_iati, :int, :uint32
  Lib.func :km_milestone_type_label, :string, :int, :int
  Lib.func :km_milestone_type_code, :string, :int
  Lib.func :km_milestone_status_label, :string, :int, :int
  Lib.func :km_risk_category_label, :string, :int, :int
  Lib.func :km_risk_allocation_label, :string, :int, :int

  # Partnership families (km_family).
  Family = EnumType.new(:family, { public_private: 0, nonprofit_government: 1, community_government: 2,
                                   international: 3 }, :km_family_label)

  # Agreement types (km_agreement_type).
  AgreementType = EnumType.new(:agreement_type,
                               { mou: 0, cooperation: 1, grant: 2, procurement_contract: 3, joint_venture: 4,
                                 service: 5, research_collaboration: 6, loan: 7, ppp: 8, community_partnership: 9,
                                 international_cooperation: 10 }, :km_agreement_type_label)
  # The Family of an agreement type.
  def AgreementType.family(type)
    Family[Lib.km_agreement_type_family(to_i(type))]
  end

  # Agreement lifecycle states (km_agreement_status).
  AgreementStatus = EnumType.new(:agreement_status,
                                 { draft: 0, proposed: 1, signed: 2, active: 3, suspended: 4, completed: 5,
                                   terminated: 6, expired: 7, cancelled: 8 }, :km_agreement_status_label)

  # Party roles (KM_ROLE_* bits): masks from lists of Symbols.
  Role = FlagType.new(:role, { funding: 0x0001, accountable: 0x0002, extending: 0x0004, implementing: 0x0008,
                               public_authority: 0x0010, private_party: 0x0020, beneficiary: 0x0040,
                               facilitator: 0x0080, guarantor: 0x0100 }, :km_role_label)
  # IATI OrganisationRole code (1..4) of a single role, else nil.
  def Role.iati(role)
    code = Lib.km_role_iati(to_i(role))
    code.negative? ? nil : code
  end

  # Milestone types (km_milestone_type).
  MilestoneType = EnumType.new(:milestone_type,
                               { approval: 0, financing: 1, delivery: 2, reporting: 3, payment: 4,
                                 commercial_close: 5, financial_close: 6, completion: 7, other: 8 },
                               :km_milestone_type_label)
  # The OCDS milestoneType code of a milestone type.
  def MilestoneType.code(type)
    Lib.from_c(Lib.km_milestone_type_code(to_i(type)))
  end

  # Milestone statuses (km_milestone_status).
  MilestoneStatus = EnumType.new(:milestone_status, { scheduled: 0, met: 1, not_met: 2, partially_met: 3 },
                                 :km_milestone_status_label)

  # Risk categories of the PPP risk register (km_risk_category).
  RiskCategory = EnumType.new(:risk_category,
                              { land: 0, environmental: 1, design: 2, construction: 3, demand_revenue: 4,
                                inflation_exchange: 5, finance: 6, change_in_law: 7, force_majeure: 8,
                                operational: 9, political: 10, other: 11 }, :km_risk_category_label)

  # Who bears a risk (km_risk_allocation).
  RiskAllocation = EnumType.new(:risk_allocation, { public: 0, private: 1, shared: 2 }, :km_risk_allocation_label)

  # Field mask bits (KM_AGREEMENT_F_*), by keyword.
  AGREEMENT_FIELD_BITS = { title: 0x0001, reference: 0x0002, type: 0x0004, purpose: 0x0008, sectors: 0x0010,
                           region: 0x0020, start_date: 0x0040, end_date: 0x0080, value: 0x0100,
                           framework: 0x0200, dimensions: 0x0400, parties: 0x0800, documents: 0x1000 }.freeze

  Party = Struct.new(:partner_id, :roles, :signed, keyword_init: true)
  Document = Struct.new(:uri, :sha256, keyword_init: true)
  Milestone = Struct.new(:agreement_id, :number, :type, :title, :due_date, :status, :date_met, keyword_init: true)
  Risk = Struct.new(:number, :category, :allocation, :mitigation, keyword_init: true)

  # An immutable snapshot of one version of an agreement (km_agreement).
  class Agreement
    attr_reader :handle

    def initialize(handle)
      @handle = handle
    end

    def close
      @handle.close
    end

    def id = Lib.km_agreement_id(@handle)
    def title = str(:km_agreement_title)
    def reference = str(:km_agreement_reference)
    def type = AgreementType[Lib.km_agreement_type_of(@handle)]
    def family = Family[Lib.km_agreement_family_of(@handle)]
    def purpose = str(:km_agreement_purpose)
    def region = str(:km_agreement_region)
    def start_date = Lib.from_date(Lib.km_agreement_start_date(@handle))
    def end_date = Lib.from_date(Lib.km_agreement_end_date(@handle))
    def framework_id = Lib.km_agreement_framework_id(@handle).then { |v| v.zero? ? nil : v }
    def framework_version = Lib.km_agreement_framework_version(@handle)
    def dimensions = Dimension.symbols_of(Lib.km_agreement_dimensions(@handle))
    def status = AgreementStatus[Lib.km_agreement_status_of(@handle)]
    def status_reason = str(:km_agreement_status_reason)
    def override = str(:km_agreement_override)
    def version = Lib.km_agreement_version(@handle)
    def amendment_rationale = str(:km_agreement_amendment_rationale)
    def created = Lib.from_micros(Lib.km_agreement_created(@handle))
    def updated = Lib.from_micros(Lib.km_agreement_updated(@handle))
    def version_time = Lib.from_micros(Lib.km_agreement_version_time(@handle))

    # The total value as a Money, or nil when it has none.
    def value
      currency = Lib.km_agreement_currency(@handle)
      currency && Money.new(Lib.km_agreement_value(@handle), Lib.from_c(currency))
    end

    # The fields the amendment that made this version changed (Symbols).
    def amendment_fields
      bits = Lib.km_agreement_amendment_fields(@handle)
      AGREEMENT_FIELD_BITS.select { |_, bit| (bits & bit).nonzero? }.keys
    end

    def sectors
      Array.new(Lib.km_agreement_sector_count(@handle)) { |i| Lib.from_c(Lib.km_agreement_sector(@handle, i)) }
    end

    def parties
      Array.new(Lib.km_agreement_party_count(@handle)) do |i|
        Party.new(partner_id: Lib.km_agreement_party(@handle, i),
                  roles: Role.symbols_of(Lib.km_agreement_party_roles(@handle, i)),
                  signed: Lib.from_micros(Lib.km_agreement_party_signed(@handle, i)))
      end
    end

    def documents
      Array.new(Lib.km_agreement_document_count(@handle)) do |i|
        Document.new(uri: Lib.from_c(Lib.km_agreement_document_uri(@handle, i)),
                     sha256: Lib.from_c(Lib.km_agreement_document_sha256(@handle, i)))
      end
    end

    def inspect
      return '#<Kemitraan::Agreement closed>' if @handle.closed?

      "#<Kemitraan::Agreement #{id} v#{version} #{reference.inspect} #{status}>"
    end

    private

    def str(fn)
      Lib.from_c(Lib.send(fn, @handle))
    end
  end

  # Agreement methods of Network.
  class Network
    AGREEMENT_LISTING = { list: :km_agreement_list, count: :km_agreement_count,
                          page_count: :km_agreement_page_count, page_get: :km_agreement_page_get,
                          page_cursor: :km_agreement_page_cursor, page_free: :km_agreement_page_free,
                          kind: :km_agreement, page_kind: :km_agreement_page,
                          wrap: ->(h) { Agreement.new(h) } }.freeze

    # Creates a draft agreement and returns it. Fields: purpose:, sectors:,
    # region:, start_date:, end_date: (Date or "YYYY-MM-DD"), value: (Money
    # or [minor, currency]), framework: (id or Framework), dimensions:
    # (Symbols), parties: ([[partner_or_id, roles], ...]), documents:
    # ([[uri, sha256], ...]).
    def create_agreement(title:, reference:, type: :mou, **fields)
      arena = Lib::Arena.new
      f, = agreement_fields(arena, { title: title, reference: reference, type: type }.merge(fields))
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_agreement_create(out, @handle, f.pointer)
      agreement(out.read_uint64)
    end

    # Edits a draft or proposed agreement.
    def update_agreement(agreement, **changes)
      arena = Lib::Arena.new
      f, mask = agreement_fields(arena, changes)
      id = Lib.id_of(agreement, 'agreement')
      Lib.km_agreement_update(@handle, id, f.pointer, mask)
      agreement(id)
    end

    # Amends a signed, active or suspended agreement (version N+1).
    def amend_agreement(agreement, rationale, **changes)
      arena = Lib::Arena.new
      f, mask = agreement_fields(arena, changes)
      id = Lib.id_of(agreement, 'agreement')
      Lib.km_agreement_amend(@handle, id, f.pointer, mask, Lib.to_c(rationale, 'agreement.rationale'))
      agreement(id)
    end

    def add_party(agreement, partner, roles, rationale = nil)
      id = Lib.id_of(agreement, 'agreement')
      Lib.km_agreement_add_party(@handle, id, Lib.id_of(partner, 'partner'), Role.mask(roles, 'agreement.party_roles'),
                                 Lib.to_c(rationale, 'rationale'))
      agreement(id)
    end

    def remove_party(agreement, partner, rationale = nil)
      id = Lib.id_of(agreement, 'agreement')
      Lib.km_agreement_remove_party(@handle, id, Lib.id_of(partner, 'partner'), Lib.to_c(rationale, 'rationale'))
      agreement(id)
    end

    # Moves an agreement to +status+ (the general form of the methods below).
    def transition_agreement(agreement, status, reason = nil, override_justification = nil)
      id = Lib.id_of(agreement, 'agreement')
      Lib.km_agreement_transition(@handle, id, AgreementStatus.to_i(status, 'agreement.status'),
                                  Lib.to_c(reason, 'reason'), Lib.to_c(override_justification, 'override'))
      agreement(id)
    end

    { propose: :km_agreement_propose, activate: :km_agreement_activate, suspend: :km_agreement_suspend,
      resume: :km_agreement_resume, complete: :km_agreement_complete, terminate: :km_agreement_terminate,
      cancel: :km_agreement_cancel }.each do |verb, fn|
      define_method(:"#{verb}_agreement") do |agreement, text = nil|
        id = Lib.id_of(agreement, 'agreement')
        Lib.send(fn, @handle, id, Lib.to_c(text, 'reason'))
        agreement(id)
      end
    end

    # Signs for +partner+: the actor must be its external id or start with "admin:".
    def sign_agreement(agreement, partner)
      id = Lib.id_of(agreement, 'agreement')
      Lib.km_agreement_sign(@handle, id, Lib.id_of(partner, 'partner'))
      agreement(id)
    end

    # Records expiry of every active agreement that ended before the date;
    # returns how many expired.
    def expire_due_agreements(as_of_date)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_agreement_expire_due(out, @handle, Lib.to_date(as_of_date, 'as_of_date'))
      out.read_uint64
    end

    # The agreement (its current version, or amendment +version+).
    def agreement(id, version: nil)
      out = FFI::MemoryPointer.new(:pointer)
      if version
        Lib.km_agreement_get_version(out, @handle, Lib.id_of(id, 'agreement'), version)
      else
        Lib.km_agreement_get(out, @handle, Lib.id_of(id, 'agreement'))
      end
      Agreement.new(Handle.new(:km_agreement, out.read_pointer, Lib.method(:km_agreement_free)))
    end

    def agreement_by_reference(reference)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_agreement_get_by_reference(out, @handle, Lib.to_c(reference, 'agreement.reference'))
      Agreement.new(Handle.new(:km_agreement, out.read_pointer, Lib.method(:km_agreement_free)))
    end

    # Matching agreements in id order (Enumerable). Filters: party:, type:,
    # family:, status:, framework:, region:, sector:, active_on:,
    # expiring_from:, expiring_days:, page_size:; limit:.
    def agreements(limit: nil, **filters)
      Listing.new(self, ->(arena) { agreement_query(arena, **filters) }, AGREEMENT_LISTING, limit: limit)
    end

    def count_agreements(**filters)
      agreements(**filters).count
    end

    # [total Money, count] of the agreements of +type+ in +currency+ whose
    # status is in +statuses+ (default: all but cancelled).
    def agreement_totals(type, currency, statuses: [])
      mask = Array(statuses).reduce(0) { |m, s| m | (1 << AgreementStatus.to_i(s, 'status_mask')) }
      value = FFI::MemoryPointer.new(:int64)
      count = FFI::MemoryPointer.new(:uint64)
      Lib.km_agreement_totals(value, count, @handle, AgreementType.to_i(type, 'type'), Lib.to_c(currency, 'currency'),
                              mask)
      [Money.new(value.read_int64, currency), count.read_uint64]
    end

    # ---- milestones ----

    # Adds a scheduled milestone; returns its number.
    def add_milestone(agreement, type, title, due_date)
      arena = Lib::Arena.new
      f = Native::MilestoneFields.make(type: MilestoneType.to_i(type, 'milestone.type'),
                                       title: arena.str(title, 'milestone.title'),
                                       due_date: arena.str(Lib.to_date(due_date, 'milestone.due_date')))
      out = FFI::MemoryPointer.new(:uint32)
      Lib.km_milestone_add(out, @handle, Lib.id_of(agreement, 'agreement'), f.pointer)
      out.read_uint32
    end

    def set_milestone_status(agreement, number, status, date_met = nil)
      Lib.km_milestone_set_status(@handle, Lib.id_of(agreement, 'agreement'), number,
                                  MilestoneStatus.to_i(status, 'milestone.status'),
                                  Lib.to_date(date_met, 'milestone.date_met'))
    end

    def milestones(agreement)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_milestone_list(out, @handle, Lib.id_of(agreement, 'agreement'))
      read_milestones(out.read_pointer)
    end

    def overdue_milestones(as_of_date)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_milestone_overdue(out, @handle, Lib.to_date(as_of_date, 'as_of_date'))
      read_milestones(out.read_pointer)
    end

    # ---- risk register ----

    # Adds a PPP risk register entry; returns its number.
    def add_risk(agreement, category, allocation, mitigation)
      out = FFI::MemoryPointer.new(:uint32)
      Lib.km_risk_add(out, @handle, Lib.id_of(agreement, 'agreement'), RiskCategory.to_i(category, 'risk.category'),
                      RiskAllocation.to_i(allocation, 'risk.allocation'), Lib.to_c(mitigation, 'risk.mitigation'))
      out.read_uint32
    end

    def update_risk(agreement, number, allocation, mitigation)
      Lib.km_risk_update(@handle, Lib.id_of(agreement, 'agreement'), number,
                         RiskAllocation.to_i(allocation, 'risk.allocation'), Lib.to_c(mitigation, 'risk.mitigation'))
    end

    def risks(agreement)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_risk_list(out, @handle, Lib.id_of(agreement, 'agreement'))
      h = Handle.new(:km_risks, out.read_pointer, Lib.method(:km_risks_free))
      Array.new(Lib.km_risks_count(h)) do |i|
        Risk.new(number: Lib.km_risks_number(h, i), category: RiskCategory[Lib.km_risks_category(h, i)],
                 allocation: RiskAllocation[Lib.km_risks_allocation(h, i)],
                 mitigation: Lib.from_c(Lib.km_risks_mitigation(h, i)))
      end
    ensure
      h&.close
    end

    private

    def read_milestones(ptr)
      h = Handle.new(:km_milestones, ptr, Lib.method(:km_milestones_free))
      Array.new(Lib.km_milestones_count(h)) do |i|
        Milestone.new(agreement_id: Lib.km_milestones_agreement(h, i), number: Lib.km_milestones_number(h, i),
                      type: MilestoneType[Lib.km_milestones_type(h, i)],
                      title: Lib.from_c(Lib.km_milestones_title(h, i)),
                      due_date: Lib.from_date(Lib.km_milestones_due_date(h, i)),
                      status: MilestoneStatus[Lib.km_milestones_status(h, i)],
                      date_met: Lib.from_date(Lib.km_milestones_date_met(h, i)))
      end
    ensure
      h&.close
    end

    def agreement_fields(arena, values)
      f = Native::AgreementFields.make
      mask = 0
      values.each do |key, value|
        bit = AGREEMENT_FIELD_BITS.fetch(key) { raise ArgumentError, "unknown agreement field #{key.inspect}" }
        mask |= bit
        case key
        when :title, :reference, :purpose, :region then f[key] = arena.str(value, "agreement.#{key}")
        when :type then f[:type] = AgreementType.to_i(value, 'agreement.type')
        when :sectors
          f[:sectors], f[:sectors_count] = arena.strs(value, 'agreement.sectors')
        when :start_date, :end_date then f[key] = arena.str(Lib.to_date(value, "agreement.#{key}"))
        when :value
          unless value.nil?
            money = value.is_a?(Money) ? value : Money.new(*value)
            f[:value] = money.minor
            f[:currency] = arena.str(money.currency, 'agreement.currency')
          end
        when :framework then f[:framework_id] = value.nil? ? 0 : Lib.id_of(value, 'agreement.framework_id')
        when :dimensions then f[:dimensions] = Dimension.mask(value, 'agreement.dimensions')
        when :parties
          items = Array(value).map { |p| p.is_a?(Party) ? [p.partner_id, p.roles] : p }
          f[:party_ids] = arena.array(:uint64, items.map { |p, _| Lib.id_of(p, 'agreement.party_ids') })
          f[:party_roles] = arena.array(:uint32, items.map { |_, r| Role.mask(r, 'agreement.party_roles') })
          f[:parties_count] = items.size
        when :documents
          docs = Array(value).map { |d| d.is_a?(Document) ? [d.uri, d.sha256] : d }
          f[:document_uris], f[:documents_count] = arena.strs(docs.map(&:first), 'agreement.document_uris')
          f[:document_sha256], = arena.strs(docs.map(&:last), 'agreement.document_sha256')
        end
      end
      [f, mask]
    end

    def agreement_query(arena, party: nil, type: nil, family: nil, status: nil, framework: nil, region: nil,
                        sector: nil, active_on: nil, expiring_from: nil, expiring_days: 0, page_size: nil)
      q = Native::AgreementQuery.make
      q[:party] = Lib.id_of(party, 'query.party') unless party.nil?
      q[:type] = AgreementType.to_i(type, 'query.type') unless type.nil?
      q[:family] = Family.to_i(family, 'query.family') unless family.nil?
      q[:status] = AgreementStatus.to_i(status, 'query.status') unless status.nil?
      q[:framework_id] = Lib.id_of(framework, 'query.framework_id') unless framework.nil?
      q[:region_prefix] = arena.str(region, 'query.region_prefix')
      q[:sector] = arena.str(sector, 'query.sector')
      q[:active_on] = arena.str(Lib.to_date(active_on, 'query.active_on'))
      q[:expiring_from] = arena.str(Lib.to_date(expiring_from, 'query.expiring_from'))
      q[:expiring_days] = expiring_days || 0
      q[:limit] = page_size || 0
      q
    end
  end
end
