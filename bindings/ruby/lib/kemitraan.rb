# frozen_string_literal: true

# Ruby binding of kemitraan, the embeddable library for partnership
# networks (jaringan kerja kemitraan), through the ffi gem.
#
#   require 'kemitraan'
#
#   Kemitraan::Network.open('store.km', actor: 'admin:budi') do |net|
#     net.create_partner(name: 'Dinas Kesehatan Kota Bandung', external_id: 'ID-KEMENDAGRI-32.73-DINKES',
#                        kind: :regional_government, region: '32.73')
#     net.partners(region: '32').each { |p| puts "#{p.id} #{p.name} #{Kemitraan::PartnerKind.label(p.kind, :id)}" }
#   end
#
# Errors raise subclasses of Kemitraan::Error carrying the library's code,
# the field at fault and the message in Bahasa Indonesia and English. See
# docs/bindings.md.
require 'ffi'

require_relative 'kemitraan/errors'
require_relative 'kemitraan/lib'
require_relative 'kemitraan/types'
require_relative 'kemitraan/enum'
require_relative 'kemitraan/dimension'
require_relative 'kemitraan/money'
require_relative 'kemitraan/network'
require_relative 'kemitraan/partner'
require_relative 'kemitraan/agreement'
require_relative 'kemitraan/framework'
require_relative 'kemitraan/audit'
require_relative 'kemitraan/graph'
require_relative 'kemitraan/records'
require_relative 'kemitraan/commitment'
require_relative 'kemitraan/indicator'
require_relative 'kemitraan/scorecard'
require_relative 'kemitraan/match'
require_relative 'kemitraan/dispute'
require_relative 'kemitraan/opportunity'
require_relative 'kemitraan/view'

module Kemitraan
  # Version of this binding (follows the C library it was written for).
  VERSION = '0.1.0'
end
