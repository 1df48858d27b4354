# frozen_string_literal: true

# Shared helpers of the Ruby binding tests.
$LOAD_PATH.unshift(File.expand_path('../lib', __dir__))
require 'kemitraan'
require 'minitest/autorun'
require 'fileutils'
require 'json'
require 'open3'
require 'rbconfig'
require 'tmpdir'

module KmTest
  REPO = File.expand_path('../../..', __dir__)
  START = Time.utc(2025, 3, 3, 1, 0, 0)

  # A deterministic clock: START, then +step seconds at every call.
  class Clock
    attr_reader :calls

    def initialize(start = START, step = 900)
      @now = start
      @step = step
      @calls = 0
    end

    def call
      @calls += 1
      t = @now
      @now += @step
      t
    end
  end

  def self.struct_layout
    return @layout if defined?(@layout)

    exe = ENV['KEMITRAAN_STRUCT_LAYOUT']
    exe = nil if exe&.empty?
    candidate = File.join(REPO, 'build', 'tests', 'bindings', 'struct_layout')
    exe ||= candidate if File.exist?(candidate)
    unless exe
      cc = ENV['CC'] || 'cc'
      out = File.join(Dir.mktmpdir('km-layout-'), 'struct_layout')
      ok = system(cc, '-std=c99', '-I', File.join(REPO, 'include'), File.join(REPO, 'tests', 'bindings', 'struct_layout.c'),
                  '-o', out, %i[out err] => File::NULL)
      exe = out if ok
    end
    @layout = exe ? JSON.parse(IO.popen([exe], &:read)) : nil
  end

  # Base: a memory network with a deterministic clock as @net.
  class Test < Minitest::Test
    def setup
      @clock = Clock.new
      @net = Kemitraan::Network.open(actor: 'admin:test', clock: @clock)
    end

    def teardown
      @net&.close
      @dirs&.each { |d| FileUtils.rm_rf(d) }
    end

    # A fresh directory under KM_TEST_TMPDIR (ctest) or the system temp.
    def tmpdir
      base = ENV['KM_TEST_TMPDIR']
      base = nil if base&.empty?
      FileUtils.mkdir_p(base) if base
      dir = Dir.mktmpdir('rb-bindings-', base)
      (@dirs ||= []) << dir
      dir
    end

    def add_partners(net, count, start = 1)
      kinds = Kemitraan::PartnerKind.symbols
      regions = ['32', '32.73', '32.73.01', '33.01', '31', nil]
      (start...(start + count)).map do |i|
        sectors = if i.odd? then ['health']
                  elsif (i % 3).zero? then %w[education health]
                  else []
                  end
        net.create_partner(name: "Mitra #{i}", external_id: format('ID-TEST-%06d', i), kind: kinds[i % kinds.size],
                           region: regions[i % regions.size], sectors: sectors,
                           capabilities: (i % 5).zero? ? ['training'] : [], needs: (i % 7).zero? ? ['funding'] : [])
      end
    end
  end
end
