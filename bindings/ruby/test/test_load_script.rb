# frozen_string_literal: true

require_relative 'support'
require_relative '../examples/load_script'

# examples/load_script.rb: the demo's script loaded through the binding gives
# the very log the C tool writes (same head hash), and a bad step stops the
# load naming the step.
class TestLoadScript < KmTest::Test
  SCRIPT = File.join(KmTest::REPO, 'examples', 'demo-network.json')
  # The head hash `kemitraan load examples/demo-network.json` gives (actor
  # admin:demo@parahyangan.go.id). Compared with only when the tool is not
  # built; otherwise the tool computes it in the test. Update it when the
  # script changes (kemitraan --store X stats --json shows it).
  DEMO_HEAD = '25cc844eff70e131a6986ce973b08688b30e32811c06cdbf7f1a0d813237eacb'

  # The kemitraan tool: KEMITRAAN_TOOL (ctest sets it), else the build tree
  # next to the library, else <repo>/build/tools/kemitraan; or nil.
  def tool_path
    env = ENV.fetch('KEMITRAAN_TOOL', '')
    return env unless env.empty?

    [File.dirname(Kemitraan::Lib::PATH), File.join(KmTest::REPO, 'build')]
      .map { |base| File.join(base, 'tools', 'kemitraan') }.find { |c| File.exist?(c) }
  end

  # The first log entry that differs between two stores, as text.
  def first_difference(path_a, path_b)
    Kemitraan::Network.open(path_a, read_only: true) do |a|
      Kemitraan::Network.open(path_b, read_only: true) do |b|
        a.audit.zip(b.audit.to_a).each do |x, y|
          return "first difference:\n  #{x.inspect}\n  #{y.inspect}" unless x == y
        end
        "no entry differs; lengths #{a.seq} and #{b.seq}"
      end
    end
  end

  def write(steps)
    path = File.join(@dir ||= tmpdir, 'script.json')
    File.write(path, JSON.generate({ format: 'kemitraan-script-1', steps: steps }))
    path
  end

  def test_demo_gives_the_c_tools_head_hash
    dir = tmpdir
    store = File.join(dir, 'rb.km')
    steps, head, stats = LoadScript.load(store, SCRIPT)
    assert_equal 1318, steps
    assert_equal 1318, stats.log_entries
    assert_equal [60, 40, 2], [stats.partners, stats.agreements, stats.disputes]
    tool = tool_path
    if tool.nil?
      # Without the tool: the hash it gave when the script was written.
      assert_equal DEMO_HEAD, head, 'kemitraan tool not built: compared with DEMO_HEAD'
    else
      c_store = File.join(dir, 'c.km')
      env = { 'KEMITRAAN_TEST_CLOCK' => nil }
      run = lambda do |*args|
        out, err, status = Open3.capture3(env, tool, '--store', c_store, *args)
        assert status.success?, "#{tool}: #{err}"
        out
      end
      run.call('init')
      run.call('--actor', LoadScript::DEFAULT_ACTOR, '--sync', 'off', 'load', SCRIPT)
      c_head = JSON.parse(run.call('stats', '--json'))['head_hash']
      assert_equal c_head, head, (head == c_head ? '' : first_difference(store, c_store))
    end
    Kemitraan::Network.open(store, read_only: true) do |net|
      assert_equal head, net.head_hash
      assert net.verify.ok
      assert_equal 'Dinas Kesehatan Provinsi Parahyangan Raya',
                   net.partner_by_external_id('ID-KEMENDAGRI-32-DINKES').name
    end
  end

  def test_command_line
    store = File.join(tmpdir, 'cli.km')
    script = write([{ at: '2024-01-02T09:00:00+07:00', as: 'p',
                      cmd: ['partner', 'add', '--name', 'Dinas A', '--external-id', 'ID-X-1', '--kind=ngo'] }])
    out, err, status = Open3.capture3(RbConfig.ruby, File.expand_path('../examples/load_script.rb', __dir__),
                                      store, script)
    assert status.success?, err
    assert_includes out, 'partners    : 1'
    Kemitraan::Network.open(store, read_only: true) do |net|
      p = net.partner(1)
      assert_equal :ngo, p.kind
      assert_equal Time.utc(2024, 1, 2, 2, 0, 0), p.created
      assert_equal LoadScript::DEFAULT_ACTOR, net.audit.first.actor
    end
  end

  def load_bad(bad_step)
    steps = [{ as: 'p', cmd: ['partner', 'add', '--name', 'Dinas A', '--external-id', 'ID-X-1', '--kind', 'ngo'] },
             bad_step]
    store = File.join(tmpdir, 'bad.km')
    e = assert_raises(LoadScript::ScriptError) { LoadScript.load(store, write(steps)) }
    # Checked or rehearsed first: nothing was written.
    Kemitraan::Network.open(store) { |net| assert_equal 0, net.seq }
    e.message
  end

  def test_errors_name_the_step
    assert_includes load_bad({ cmd: %w[partner frobnicate @p] }), 'step 2: unknown command "partner frobnicate"'
    assert_includes load_bad({ cmd: %w[partner add --nmae x] }), 'step 2: unknown option --nmae'
    assert_includes load_bad({ cmd: %w[partner list] }), 'step 2: unknown command "partner list"'
    assert_includes load_bad({ cmd: %w[agreement propose @q] }), 'step 2: "@q" is not named'
    assert_includes load_bad({ cmd: %w[agreement add --title T --start 2024-02-30] }),
                    'step 2: agreement add: --start: "2024-02-30": not a date'
    assert_includes load_bad({ cmd: %w[agreement add --value 1.234 --currency IDR] }),
                    'step 2: agreement add: --value: "1.234": at most 2 decimals for IDR'
    assert_includes load_bad({ cmd: %w[agreement add --party @p:abc] }), 'step 2: agreement add: --party: "abc": one of'
    assert_includes load_bad({ cmd: %w[agreement sign 99 --partner @p] }), 'step 2: agreement sign:'
  end

  def test_values_as_the_tool_reads_them
    assert_equal 150_000_050, LoadScript.parse_money('1500000.5', 'IDR', '--value')
    assert_equal 12, LoadScript.parse_money('12', 'JPY', '--value')
    assert_equal 100, LoadScript.parse_money('100', 'person-days', '--amount')
    ['-1', '1.', '.5', '1e3', '1,5', ''].each do |bad|
      assert_raises(LoadScript::Usage) { LoadScript.parse_money(bad, 'IDR', '--value') }
    end
    assert_equal 3, LoadScript.role_mask('funding,accountable', '--party')
    assert_equal Kemitraan::AgreementType.to_i(:community_partnership),
                 LoadScript.enum_value(Kemitraan::AgreementType, 'Community-Partnership', '--type')
    assert_equal 3, LoadScript.enum_value(Kemitraan::AgreementType, '3', '--type')
    wib = LoadScript.parse_time('2023-01-02')
    assert_equal LoadScript.parse_time('2023-01-01T17:00:00Z'), wib
    assert_equal (86_400 * 1_000_000) - 1, LoadScript.parse_time('2023-01-02', end_of_day: true) - wib
    assert_equal LoadScript.parse_time('2023-01-02T09:00'), LoadScript.parse_time('2023-01-02T09:00:00+07:00')
    assert_equal 500_000, LoadScript.parse_time('2023-01-02T02:00:00.5Z') - LoadScript.parse_time('2023-01-02T02:00Z')
    ['2023-02-29', '2023-01-02T24:00', '2023-1-2', '1969-12-31', '2023-01-02T09:00:00.1234567Z'].each do |bad|
      assert_nil LoadScript.parse_time(bad), bad
    end
  end
end
