#!/usr/bin/env ruby
# frozen_string_literal: true

# kemitraan from Ruby in one page: a file store in a temporary directory,
# three partners and an agreement, a listing, the audit trail and a
# verification of the hash chain.
#
#   KEMITRAAN_LIBRARY=build/libkemitraan.so ruby bindings/ruby/examples/quickstart.rb

$LOAD_PATH.unshift(File.expand_path('../lib', __dir__))
require 'kemitraan'
require 'tmpdir'

# A fixed clock makes every run print the same times.
now = Time.utc(2025, 3, 3, 1, 0, 0)
clock = -> { now += 15 * 60 }

report = nil
Dir.mktmpdir do |tmp|
  path = File.join(tmp, 'jabar.km')
  head = Kemitraan::Network.open(path, actor: 'admin:budi', clock: clock) do |net|
    dinkes = net.create_partner(name: 'Dinas Kesehatan Kota Bandung', external_id: 'ID-KEMENDAGRI-32.73-DINKES',
                                kind: :regional_government, region: '32.73', sectors: ['health'],
                                needs: ['data-analytics'])
    sehat = net.transaction do # two partners, one log entry
      net.create_partner(name: 'Lembaga Advokasi Gizi Masyarakat', external_id: 'ID-AHU-AHU-0098765.AH.01.07',
                         kind: :ngo, region: '32.04', sectors: %w[health nutrition])
      net.create_partner(name: 'PT Sehat Digital Nusantara', external_id: 'ID-NIB-8120000123456',
                         kind: :private_business, region: '32.73.01', sectors: %w[health ict],
                         capabilities: ['software'])
    end

    begin
      net.create_partner(name: 'Tanpa Email', external_id: 'ID-NIB-1', email: 'bukan-email')
    rescue Kemitraan::InvalidArgument => e
      puts "ditolak / refused: [#{e.field}] #{e.message_in(:id)}"
    end

    ks = net.create_agreement(title: 'Telemedisin Puskesmas Kota Bandung', reference: 'PKS/032/2025',
                              type: :cooperation, start_date: '2025-04-01', end_date: '2026-03-31',
                              value: Kemitraan::Money.parse('1250000000', 'IDR'),
                              parties: [[dinkes, %i[public_authority funding]], [sehat, :implementing]],
                              dimensions: %i[impact efficiency])
    net.propose_agreement(ks)
    net.sign_agreement(ks, dinkes) # "admin:" actors record signatures made on paper
    net.sign_agreement(ks, sehat)
    net.activate_agreement(ks)

    puts "\n== mitra di Jawa Barat (32) / partners in West Java =="
    net.partners(region: '32').each do |p|
      puts format('%2d  %-36s %-24s %s', p.id, p.name, Kemitraan::PartnerKind.label(p.kind, :id), p.region)
    end
    puts "(#{net.partners(region: '32').count} of #{net.stats.partners} partners)"

    puts "\n== perjanjian / agreements =="
    net.agreements(status: :active).each do |a|
      puts "#{a.reference}  #{Kemitraan::AgreementStatus.label(a.status, :id)}  #{a.value.format(:id)}  #{a.title}"
    end

    puts "\n== jejak audit / audit trail =="
    net.audit.each do |e|
      puts format('#%d %s %-11s %-10s %-20s %s', e.seq, e.time.strftime('%Y-%m-%d %H:%M'), e.actor,
                  Kemitraan::Entity.label(e.entity, :id), e.operation, e.data.keys.sort.join(','))
    end
    net.head_hash
  end

  # Reopen: everything is in the file; verify the whole hash chain.
  report = Kemitraan::Network.open(path, read_only: true, &:verify)
  puts format("\nverify: %s, %d entries, head %s..., matches published head: %s",
              report.ok? ? 'OK' : 'BROKEN', report.entries, report.head_hash[0, 16], report.head_hash == head)
end
exit(report&.ok? ? 0 : 1)
