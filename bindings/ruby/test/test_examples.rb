# frozen_string_literal: true

require_relative 'support'

# The examples run and verify their store.
class TestExamples < Minitest::Test
  def test_quickstart
    out, err, status = Open3.capture3(RbConfig.ruby, File.expand_path('../examples/quickstart.rb', __dir__))
    assert status.success?, err
    assert_equal '', err
    assert_includes out, 'partner.email'
    assert_includes out, 'Rp1.250.000.000,00'
    assert_includes out, 'verify: OK, 7 entries'
    assert_includes out, 'matches published head: true'
  end
end
