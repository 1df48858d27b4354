# frozen_string_literal: true

module Kemitraan
  Lib.status :km_partner_create, :pointer, :km_network, :pointer
  Lib.status :km_partner_update, :km_network, :uint64, :pointer, :uint32
  Lib.status :km_partner_set_status, :km_network, :uint64, :int, :string
  Lib.status :km_partner_archive, :km_network, :uint64, :string
  Lib.status :km_partner_get, :pointer, :km_network, :uint64
  Lib.status :km_partner_get_by_external_id, :pointer, :km_network, :string
  Lib.func :km_partner_free, :void, :pointer
  Lib.func :km_partner_id, :uint64, :km_partner
  Lib.func :km_partner_name, :string, :km_partner
  Lib.func :km_partner_external_id, :string, :km_partner
  Lib.func :km_partner_kind_of, :int, :km_partner
  Lib.func :km_partner_region, :string, :km_partner
  Lib.func :km_partner_email, :string, :km_partner
  Lib.func :km_partner_phone, :string, :km_partner
  Lib.func :km_partner_website, :string, :km_partner
  Lib.func :km_partner_status_of, :int, :km_partner
  Lib.func :km_partner_status_reason, :string, :km_partner
  Lib.func :km_partner_created, :int64, :km_partner
  Lib.func :km_partner_updated, :int64, :km_partner
  Lib.func :km_partner_version, :uint32, :km_partner
  Lib.func :km_partner_sector_count, :size_t, :km_partner
  Lib.func :km_partner_sector, :string, :km_partner, :size_t
  Lib.func :km_partner_capability_count, :size_t, :km_partner
  Lib.func :km_partner_capability, :string, :km_partner, :size_t
  Lib.func :km_partner_need_count, :size_t, :km_partner
  Lib.func :km_partner_need, :string, :km_partner, :size_t
  Lib.status :km_partner_list, :pointer, :km_network, :pointer
  Lib.status :km_partner_count, :pointer, :km_network, :pointer
  Lib.func :km_partner_page_count, :size_t, :km_partner_page
  Lib.func :km_partner_page_get, :pointer, :km_partner_page, :size_t
  Lib.func :km_partner_page_cursor, :string, :km_partner_page
  Lib.func :km_partner_page_free, :void, :pointer
  Lib.func :km_partner_kind_label, :string, :int, :int
  Lib.func :km_partner_kind_iati, :int, :int
  Lib.func :km_partner_status_label, :string, :int, :int

  # Kinds of partner (km_partner_kind).
  PartnerKind = EnumType.new(:partner_kind,
                             { ministry: 0, government_agency: 1, regional_government: 2, state_enterprise: 3,
                               private_business: 4, ngo: 5, academic: 6, international: 7, community: 8,
                               individual: 9, foundation: 10 },
                             :km_partner_kind_label)
  # IATI OrganisationType code of a partner kind.
  def PartnerKind.iati(kind)
    Lib.km_partner_kind_iati(to_i(kind))
  end

  # Partner status (km_partner_status).
  PartnerStatus = EnumType.new(:partner_status, { active: 0, suspended: 1, archived: 2 }, :km_partner_status_label)

  # Order of partner listings (km_partner_order): :id (the default) or
  # :name (byte order of the UTF-8 name, ties by id).
  PartnerOrder = EnumType.new(:partner_order, { id: 0, name: 1 })

  # One page-following listing: Enumerable over the items of a
  # cursor-paged C list, fetching each page only when needed. #count
  # without a block or argument asks the library's count function.
  class Listing
    include Enumerable

    # spec: list:, count:, page_count:, page_get:, page_cursor:, page_free:,
    # kind: (the item's handle kind), page_kind:, wrap: (Handle -> object).
    def initialize(network, query_builder, spec, limit: nil)
      @network = network
      @query_builder = query_builder
      @spec = spec
      @limit = limit
    end

    def each
      return enum_for(:each) unless block_given?

      arena = Lib::Arena.new
      query = @query_builder.call(arena)
      yielded = 0
      loop do
        out = FFI::MemoryPointer.new(:pointer)
        Lib.send(@spec[:list], out, @network.handle, query.pointer)
        page = Handle.new(@spec[:page_kind], out.read_pointer, Lib.method(@spec[:page_free]))
        n = Lib.send(@spec[:page_count], page)
        n.times do |i|
          return self if @limit && yielded >= @limit

          item = Handle.new(@spec[:kind], Lib.send(@spec[:page_get], page, i), owner: page)
          yield @spec[:wrap].call(item)
          yielded += 1
        end
        cursor = Lib.send(@spec[:page_cursor], page)
        break if cursor.nil? || (@limit && yielded >= @limit)

        query[:cursor] = arena.str(cursor) # copied: the page may go now
      end
      self
    end

    def count(*args, &block)
      return super if !args.empty? || block || @limit || @spec[:count].nil?

      out = FFI::MemoryPointer.new(:uint64)
      Lib.send(@spec[:count], out, @network.handle, @query_builder.call(Lib::Arena.new).pointer)
      out.read_uint64
    end
    alias size count
  end

  # An immutable snapshot of one version of a partner (km_partner). Later
  # changes never alter it: read the partner again to see them.
  class Partner
    attr_reader :handle

    def initialize(handle)
      @handle = handle
    end

    # Releases the C handle now (otherwise done by the garbage collector).
    def close
      @handle.close
    end

    def id = Lib.km_partner_id(@handle)
    def name = Lib.from_c(Lib.km_partner_name(@handle))
    def external_id = Lib.from_c(Lib.km_partner_external_id(@handle))
    def kind = PartnerKind[Lib.km_partner_kind_of(@handle)]
    def region = Lib.from_c(Lib.km_partner_region(@handle))
    def email = Lib.from_c(Lib.km_partner_email(@handle))
    def phone = Lib.from_c(Lib.km_partner_phone(@handle))
    def website = Lib.from_c(Lib.km_partner_website(@handle))
    def status = PartnerStatus[Lib.km_partner_status_of(@handle)]
    def status_reason = Lib.from_c(Lib.km_partner_status_reason(@handle))
    # Creation time (UTC Time, from the network's clock).
    def created = Lib.from_micros(Lib.km_partner_created(@handle))
    def updated = Lib.from_micros(Lib.km_partner_updated(@handle))
    def version = Lib.km_partner_version(@handle)

    def sectors = tags(:km_partner_sector_count, :km_partner_sector)
    def capabilities = tags(:km_partner_capability_count, :km_partner_capability)
    def needs = tags(:km_partner_need_count, :km_partner_need)

    FIELDS = %i[id name external_id kind region email phone website status status_reason created updated version
                sectors capabilities needs].freeze

    def to_h
      FIELDS.to_h { |f| [f, public_send(f)] }
    end

    def ==(other)
      other.is_a?(Partner) && other.id == id && other.version == version
    end
    alias eql? ==

    def hash
      [Partner, id, version].hash
    end

    def inspect
      return '#<Kemitraan::Partner closed>' if @handle.closed?

      "#<Kemitraan::Partner #{id} v#{version} #{name.inspect} #{kind} #{status}>"
    end

    private

    def tags(count_fn, get_fn)
      Array.new(Lib.send(count_fn, @handle)) { |i| Lib.from_c(Lib.send(get_fn, @handle, i)) }
    end
  end

  # Partner field keyword -> [mask bit, struct member] (partner.h).
  PARTNER_TEXT = { name: 0x0001, external_id: 0x0002, region: 0x0008, email: 0x0010, phone: 0x0020,
                   website: 0x0040 }.freeze
  PARTNER_TAGS = { sectors: 0x0080, capabilities: 0x0100, needs: 0x0200 }.freeze

  # Partner methods of Network.
  class Network
    # Registers a partner and returns it.
    def create_partner(name:, external_id:, kind: :ministry, region: nil, email: nil, phone: nil, website: nil,
                       sectors: [], capabilities: [], needs: [])
      values = { name: name, external_id: external_id, kind: kind, sectors: sectors, capabilities: capabilities,
                 needs: needs }
      { region: region, email: email, phone: phone, website: website }.each { |k, v| values[k] = v unless v.nil? }
      arena = Lib::Arena.new
      fields, = partner_fields(arena, values)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_partner_create(out, @handle, fields.pointer)
      partner(out.read_uint64)
    end

    # Changes the given fields; the others keep their value. nil clears an
    # optional field.
    def update_partner(partner, **changes)
      raise ArgumentError, 'update_partner needs at least one field' if changes.empty?

      arena = Lib::Arena.new
      fields, mask = partner_fields(arena, changes)
      id = Lib.id_of(partner, 'partner')
      Lib.km_partner_update(@handle, id, fields.pointer, mask)
      partner(id)
    end

    def set_partner_status(partner, status, reason = nil)
      id = Lib.id_of(partner, 'partner')
      Lib.km_partner_set_status(@handle, id, PartnerStatus.to_i(status, 'partner.status'),
                                Lib.to_c(reason, 'partner.reason'))
      partner(id)
    end

    def archive_partner(partner, reason)
      id = Lib.id_of(partner, 'partner')
      Lib.km_partner_archive(@handle, id, Lib.to_c(reason, 'partner.reason'))
      partner(id)
    end

    # The partner with id +id+ (NotFound otherwise).
    def partner(id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_partner_get(out, @handle, Lib.id_of(id, 'partner'))
      Partner.new(Handle.new(:km_partner, out.read_pointer, Lib.method(:km_partner_free)))
    end

    def partner_by_external_id(external_id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_partner_get_by_external_id(out, @handle, Lib.to_c(external_id, 'partner.external_id'))
      Partner.new(Handle.new(:km_partner, out.read_pointer, Lib.method(:km_partner_free)))
    end

    PARTNER_LISTING = { list: :km_partner_list, count: :km_partner_count, page_count: :km_partner_page_count,
                        page_get: :km_partner_page_get, page_cursor: :km_partner_page_cursor,
                        page_free: :km_partner_page_free, kind: :km_partner, page_kind: :km_partner_page,
                        wrap: ->(h) { Partner.new(h) } }.freeze

    # The partners matching every filter given, in id order or by name with
    # order: :name (Enumerable; pages are fetched as iteration goes).
    # Filters: kind:, status:, sector:, capability:, need:, region: (kode
    # wilayah prefix), name_contains:, page_size:; limit: stops after that
    # many.
    def partners(limit: nil, **filters)
      Listing.new(self, ->(arena) { partner_query(arena, **filters) }, PARTNER_LISTING, limit: limit)
    end

    def count_partners(**filters)
      partners(**filters).count
    end

    private

    def partner_fields(arena, values)
      f = Native::PartnerFields.make
      mask = 0
      values.each do |key, value|
        if PARTNER_TEXT.key?(key)
          f[key] = arena.str(value.nil? ? '' : value, "partner.#{key}")
          mask |= PARTNER_TEXT[key]
        elsif PARTNER_TAGS.key?(key)
          arr, n = arena.strs(value, "partner.#{key}")
          f[key] = arr
          f[:"#{key}_count"] = n
          mask |= PARTNER_TAGS[key]
        elsif key == :kind
          f[:kind] = PartnerKind.to_i(value, 'partner.kind')
          mask |= 0x0004
        else
          raise ArgumentError, "unknown partner field #{key.inspect}"
        end
      end
      [f, mask]
    end

    def partner_query(arena, kind: nil, status: nil, sector: nil, capability: nil, need: nil, region: nil,
                      name_contains: nil, page_size: nil, order: nil)
      q = Native::PartnerQuery.make
      q[:order] = PartnerOrder.to_i(order, 'query.order') unless order.nil?
      q[:kind] = PartnerKind.to_i(kind, 'query.kind') unless kind.nil?
      q[:status] = PartnerStatus.to_i(status, 'query.status') unless status.nil?
      q[:sector] = arena.str(sector, 'query.sector')
      q[:capability] = arena.str(capability, 'query.capability')
      q[:need] = arena.str(need, 'query.need')
      q[:region_prefix] = arena.str(region, 'query.region_prefix')
      q[:name_contains] = arena.str(name_contains, 'query.name_contains')
      q[:limit] = page_size || 0
      q
    end
  end
end
