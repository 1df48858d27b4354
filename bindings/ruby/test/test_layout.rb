# frozen_string_literal: true

require_relative 'support'

# The FFI::Struct mirrors match the C headers; every function is declared.
class TestLayout < Minitest::Test
  COVERED = %w[common.h version.h sys/storage.h network.h file.h partner.h audit.h agreement.h framework.h money.h
               dimension.h graph.h commitment.h indicator.h scorecard.h
                 dispute.h opportunity.h view.h match.h].freeze

  def layout
    KmTest.struct_layout || skip('struct_layout helper not available (no compiler, no build tree)')
  end

  def test_every_c_struct_is_mirrored
    assert_equal layout.keys.sort, Kemitraan::Native::STRUCTS.keys.sort
  end

  # Each mirror equals its C struct; a mirror of an older version of a struct
  # that has grown since must be an exact prefix of it.
  def test_sizes_offsets_and_order
    layout.each do |name, info|
      klass = Kemitraan::Native::STRUCTS.fetch(name)
      mine = klass.members
      theirs = info['fields'].map { |f| f['name'].to_sym }
      assert_operator klass::VERSION, :<=, info['version'], "#{name} mirrors a newer version"
      if klass::VERSION == info['version']
        assert_equal info['size'], klass.size, "sizeof(#{name})"
        assert_equal theirs, mine, "members of #{name} in declaration order"
      else
        assert_operator klass.size, :<=, info['size'], "sizeof(#{name})"
        assert_equal theirs.first(mine.size), mine, "members of #{name}: a prefix of the C struct"
      end
      fields = klass.new.layout
      info['fields'].first(mine.size).each do |f|
        assert_equal f['offset'], klass.offset_of(f['name'].to_sym), "offsetof(#{name}, #{f['name']})"
        assert_equal f['size'], fields[f['name'].to_sym].size, "sizeof(#{name}.#{f['name']})"
      end
    end
  end

  def test_init_values
    layout.each do |name, info|
      next if name == 'km_auth_request' # filled in by the library; it has no *_INIT

      klass = Kemitraan::Native::STRUCTS.fetch(name)
      obj = klass.make
      info['fields'].each do |f|
        next unless f.key?('init') && klass.members.include?(f['name'].to_sym)

        expected = f['name'] == 'version' ? klass::VERSION : f['init']
        assert_in_delta expected, obj[f['name'].to_sym], 1e-15, "#{name}.#{f['name']} *_INIT value"
      end
    end
  end

  def test_every_function_of_the_covered_headers_is_declared
    assert_empty Kemitraan::Lib::MISSING
    total = 0
    COVERED.each do |h|
      text = File.read(File.join(KmTest::REPO, 'include', 'kemitraan', h))
      names = text.scan(/KM_EXTERN\s[^;(]*?\b(km_\w+)\s*\(/).flatten.map(&:to_sym)
      total += names.size
      assert_empty names - Kemitraan::Lib::DECLARED.keys, "unbound functions of #{h}"
    end
    assert_operator total, :>, 200
  end

  def test_handle_types_are_distinct
    Kemitraan::Network.open do |net|
      p = net.create_partner(name: 'Mitra', external_id: 'ID-NIB-1')
      err = assert_raises(TypeError) { Kemitraan::Lib.km_network_seq(p.handle) }
      assert_match(/km_network/, err.message)
      assert_raises(TypeError) { Kemitraan::Lib.km_partner_name(FFI::Pointer.new(8)) }
      assert_equal 1, Kemitraan::Lib.km_network_seq(net.handle)
    end
  end

  def test_library_version
    assert_equal Kemitraan::Lib::EXPECTED_MAJOR, Kemitraan::Lib.km_version / 10_000
    assert_match(/\A\d+\.\d+\.\d+\z/, Kemitraan.library_version)
  end
end
