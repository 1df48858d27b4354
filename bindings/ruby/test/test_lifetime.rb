# frozen_string_literal: true

require_relative 'support'

# Leak and safety smoke: create and drop 10,000 handles of each kind.
class TestLifetime < KmTest::Test
  N = 10_000

  def rss_bytes
    File.read('/proc/self/statm').split[1].to_i * 4096
  rescue SystemCallError
    nil
  end

  def assert_no_growth(what, limit_mb = 48)
    500.times { yield } # warm up
    GC.start
    before = rss_bytes
    N.times { yield }
    GC.start
    return unless before

    grown = (rss_bytes - before) / 2.0**20
    assert_operator grown, :<, limit_mb, format('%s: RSS grew %.1f MiB over %d handles', what, grown, N)
  end

  def test_networks_dropped_without_close
    assert_no_growth('networks') { Kemitraan::Network.open(clock: -> { 0 }, authorizer: ->(_r) { nil }) }
  end

  def test_networks_closed_twice
    assert_no_growth('closed networks') do
      net = Kemitraan::Network.open
      net.close
      net.close
    end
  end

  def test_partner_handles
    @net.create_partner(name: 'A', external_id: 'ID-NIB-1', sectors: ['health'])
    assert_no_growth('partners') { @net.partner(1).sectors }
  end

  def test_pages_abandoned_mid_iteration
    @net.transaction { 20.times { |i| @net.create_partner(name: "M#{i}", external_id: "ID-NIB-#{i}") } }
    assert_no_growth('pages') { @net.partners(page_size: 3).first(4) }
  end

  def test_audit_lists_and_frameworks
    fw = @net.create_framework('F', allowed_types: [:mou])
    @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    assert_no_growth('audit lists and frameworks') do
      @net.audit.to_a
      @net.framework(fw.id).allowed_types
    end
  end

  def test_graphs_and_stores
    assert_no_growth('graphs') { Kemitraan::Graph.new(10, (0...9).map { |i| [i, i + 1] }).degree }
    assert_no_growth('stores') { Kemitraan::Network.open(storage: Kemitraan::MemoryStore.new).seq }
  end

  def test_closed_handles_refuse_use
    p = @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    p.close
    p.close
    assert_raises(Kemitraan::ClosedError) { p.name }
    assert_match(/closed/, p.inspect)
  end
end
