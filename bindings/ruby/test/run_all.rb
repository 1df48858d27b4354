# frozen_string_literal: true

# Runs every test_*.rb of this directory in one process (ctest bindings.ruby).
Dir[File.join(__dir__, 'test_*.rb')].sort.each { |f| require f }
