#!/usr/bin/env ruby
# frozen_string_literal: true

# Loads a kemitraan-script-1 file (docs/cli.md, "load") into a file store
# through the Ruby binding: every step's command line becomes the binding
# call the C tool (tools/kemitraan) would make, with the option values
# converted exactly as the tool converts them, so the store's log, and its
# head hash, come out byte for byte the same as `kemitraan load` gives.
# The Python twin is bindings/python/examples/load_script.py.
#
#   ruby load_script.rb STORE [SCRIPT] [--actor NAME] [--sync full|normal|off]
#
# SCRIPT defaults to examples/demo-network.json (the demo's whole story);
# the actor to the demo's, "admin:demo@parahyangan.go.id" (an administrator:
# it signs for every partner). Each step's "at" sets the clock for that
# step's change (the network's clock hook); "as" names the id the step
# creates and "@name" refers to it in later steps. A command or option not
# in the table below stops the load with the step's number, as does any
# value the tool would refuse.

$LOAD_PATH.unshift(File.expand_path('../lib', __dir__))
require 'kemitraan'
require 'date'
require 'json'

module LoadScript
  FORMAT = 'kemitraan-script-1'
  DEFAULT_SCRIPT = File.expand_path('../../../examples/demo-network.json', __dir__)
  # The actor of `kemitraan demo` (tools/kemitraan/cmd_demo.c).
  DEFAULT_ACTOR = 'admin:demo@parahyangan.go.id'
  # A date or time without a zone is WIB (UTC+7), as on the command line.
  WIB_US = 7 * 3600 * 1_000_000
  INT64_MAX = (1 << 63) - 1
  NAME_RE = /\A[A-Za-z0-9_.-]{1,64}\z/

  # The script cannot be loaded; the message names the step.
  class ScriptError < StandardError; end
  # A value the C tool would refuse (its usage errors).
  class Usage < StandardError; end

  module_function

  # ---- values, as tools/kemitraan/util.c and values.c read them ----------

  def days_in_month(y, m)
    leap = (y % 4).zero? && (y % 100 != 0 || (y % 400).zero?)
    [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  end

  TIME_RE = /\A(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?\z/

  # Microseconds since the epoch (cli_parse_time); nil if malformed.
  def parse_time(s, end_of_day: false)
    m = TIME_RE.match(s) or return nil
    y, mo, d = m[1].to_i, m[2].to_i, m[3].to_i
    return nil if y < 1970 || !(1..12).cover?(mo) || d < 1 || d > days_in_month(y, mo)

    days = (Date.new(y, mo, d) - Date.new(1970, 1, 1)).to_i
    if m[4].nil?
      t = days * 86_400 * 1_000_000 - WIB_US
      return end_of_day ? t + 86_400 * 1_000_000 - 1 : t
    end
    h, mi, se = m[4].to_i, m[5].to_i, m[6].to_i
    frac = (m[7] || '').ljust(6, '0').to_i
    return nil if h > 23 || mi > 59 || se > 59

    offset = WIB_US
    zone = m[8]
    if %w[Z z].include?(zone)
      offset = 0
    elsif zone
      oh, om = zone[1, 2].to_i, zone[-2, 2].to_i
      return nil if oh > 23 || om > 59

      offset = (zone[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60) * 1_000_000
    end
    (days * 86_400 + h * 3600 + mi * 60 + se) * 1_000_000 + frac - offset
  end

  def u64(s, name, limit = (1 << 64) - 1)
    raise Usage, "#{name}: \"#{s}\" is not a number" unless s.is_a?(String) && s.match?(/\A[0-9]+\z/) && s.to_i <= limit

    s.to_i
  end

  def u32(s, name) = u64(s, name, 0xFFFFFFFF)

  def i64(s, name)
    neg = s.start_with?('-')
    v = u64(neg ? s[1..] : s, name, INT64_MAX + (neg ? 1 : 0))
    neg ? -v : v
  end

  # cli_parse_int: an optional '-' and at most 2147483647; nil if not.
  def int_or_nil(s)
    body = s.start_with?('-') ? s[1..] : s
    return nil unless body.match?(/\A[0-9]+\z/) && body.to_i <= 2_147_483_647

    s.start_with?('-') ? -body.to_i : body.to_i
  end

  # A civil date YYYY-MM-DD (cli_value_date): returned as it is.
  def date(s, name)
    m = /\A(\d{4})-(\d{2})-(\d{2})\z/.match(s)
    ok = m && m[1].to_i >= 1970 && (1..12).cover?(m[2].to_i) && m[3].to_i >= 1 &&
         m[3].to_i <= days_in_month(m[1].to_i, m[2].to_i)
    raise Usage, "#{name}: \"#{s}\": not a date YYYY-MM-DD" unless ok

    s
  end

  # Minor-unit digits of a currency; 0 for none or an unknown code (a unit
  # of quantity such as person-days), as the tool reads amounts.
  def digits(currency)
    return 0 if currency.nil?

    [Kemitraan.currency_digits(currency), 0].max
  rescue Kemitraan::Error
    0
  end

  # A decimal amount -> minor units with the currency's digits
  # (cli_parse_money: no sign, '.' for decimals, at most that many).
  def parse_money(s, currency, name)
    n = digits(currency)
    m = /\A([0-9]+)(?:\.([0-9]+))?\z/.match(s.to_s)
    raise Usage, "#{name}: \"#{s}\": not an amount such as 1500000.00 (no sign, '.' for decimals)" unless m

    frac = m[2] || ''
    raise Usage, "#{name}: \"#{s}\": at most #{n} decimals for #{currency || '-'}" if frac.size > n

    v = (m[1] + frac.ljust(n, '0')).to_i
    raise Usage, "#{name}: \"#{s}\": too large" if v > INT64_MAX

    v
  end

  def fold(s) = s.downcase.tr('-', '_')

  # A machine name (case-insensitive, '-' as '_') or a number, as
  # cli_value_enum_str reads it; for flags (roles) the bit value.
  def enum_value(type, s, name)
    sym = type.symbols.find { |k| fold(k.to_s) == fold(s) }
    return type.to_i(sym) if sym

    int_or_nil(s) || raise(Usage, "#{name}: \"#{s}\": one of #{type.symbols.join(', ')}")
  end

  # "funding,accountable" -> the KM_ROLE_* mask (cli_value_roles).
  def role_mask(s, name)
    raise Usage, "#{name}: \"#{s}\": not a list of roles" if s.empty? || s.bytesize >= 256

    s.split(',').reject(&:empty?).reduce(0) { |m, tok| m | enum_value(Kemitraan::Role, tok, name) } & 0xFFFFFFFF
  end

  # "NAME:KIND,KIND" -> [NAME's value, partner kinds mask].
  def split_kinds(value, type, name)
    head, colon, rest = value.partition(':')
    v = enum_value(type, head, name)
    kinds = 0
    unless colon.empty?
      rest.split(',').reject(&:empty?).each do |tok|
        k = enum_value(Kemitraan::PartnerKind, tok, name)
        kinds |= 1 << k if k >= 0 && k < 32
      end
    end
    [v, kinds]
  end

  # "N" or "N/D" -> [N, D] with D = den_default without a slash.
  def fraction(s, name, den_default)
    num, slash, den = s.partition('/')
    slash.empty? ? [i64(s, name), den_default] : [i64(num, name), i64(den, name)]
  end

  # Positional arguments and [name, value] options in order.
  Args = Struct.new(:pos, :opts) do
    # The last value given for --name (what the tool uses), or nil.
    def last(name) = opts.reverse.find { |n, _| n == name }&.last
    def all(name) = opts.select { |n, _| n == name }.map(&:last)
    def has?(name) = opts.any? { |n, _| n == name }

    def need(name)
      last(name) || raise(Usage, "missing --#{name}")
    end

    def id(index = 0, what = 'ID')
      raise Usage, "missing #{what}" if pos.size <= index

      LoadScript.u64(pos[index], what)
    end
  end

  # ---- the commands: one lambda per command, making the binding call ------
  # Each returns the id the command creates (for "as"), or nil.

  def partner_add(net, a)
    kind = a.last('kind') or raise Usage, 'missing --kind'
    tags = ->(o) { a.all(o).reject(&:empty?) }
    net.create_partner(name: a.last('name'), external_id: a.last('external-id'),
                       kind: enum_value(Kemitraan::PartnerKind, kind, '--kind'), region: a.last('region'),
                       email: a.last('email'), phone: a.last('phone'), website: a.last('website'),
                       sectors: tags.call('sector'), capabilities: tags.call('capability'), needs: tags.call('need')).id
  end

  # "INCENTIVE[:KIND,...][;sector=TAG][;region=CODE][;min_days=N]".
  def incentive(value)
    raise Usage, "--incentive: \"#{value}\" is too long" if value.bytesize >= 256

    head, semi, conds = value.partition(';')
    sector = region = nil
    min_days = 0
    unless semi.empty?
      conds.split(';').reject(&:empty?).each do |tok|
        if tok.start_with?('sector=') && tok.size > 7 then sector = tok[7..]
        elsif tok.start_with?('region=') && tok.size > 7 then region = tok[7..]
        elsif tok.start_with?('min_days=') then min_days = u32(tok[9..], '--incentive')
        else raise Usage, "--incentive: \"#{value}\": INCENTIVE[:KIND,...][;sector=TAG][;region=CODE][;min_days=N]"
        end
      end
    end
    inc, kinds = split_kinds(head, Kemitraan::Incentive, '--incentive')
    [inc, kinds, sector, region, min_days]
  end

  def framework_add(net, a)
    spec = Kemitraan::FrameworkSpec.new(a.last('name'), a.last('legal-reference'))
    min_days = max_days = 0
    has_days = false
    a.opts.each do |name, value| # the rules in the order given, as the tool adds them
      case name
      when 'allow-type' then spec.allow_type(enum_value(Kemitraan::AgreementType, value, '--allow-type'))
      when 'require-role' then spec.require_role(*split_kinds(value, Kemitraan::Role, '--require-role'))
      when 'incentive'
        inc, kinds, sector, region, days = incentive(value)
        spec.add_incentive(inc, kinds: kinds, sector: sector, region: region, min_days: days)
      when 'require-dimension'
        spec.require_dimension(enum_value(Kemitraan::Dimension, value, '--require-dimension'))
      when 'min-days' then has_days, min_days = true, u32(value, '--min-days')
      when 'max-days' then has_days, max_days = true, u32(value, '--max-days')
      end
    end
    spec.set_duration(min_days, max_days) if has_days
    if a.has?('max-value')
      currency = a.last('currency') or raise Usage, 'missing --currency'
      spec.set_max_value(currency, parse_money(a.last('max-value'), currency, '--max-value'))
    end
    net.create_framework(spec).id
  ensure
    spec&.close
  end

  def agreement_add(net, a)
    f = {}
    dims = 0
    value = currency = nil
    a.opts.each do |name, v|
      case name
      when 'title', 'reference', 'purpose', 'region' then f[name.to_sym] = v
      when 'type' then f[:type] = enum_value(Kemitraan::AgreementType, v, '--type')
      when 'sector' then (f[:sectors] ||= []) << v
      when 'document'
        docs = (f[:documents] ||= [])
        next if v.empty?

        uri, comma, sha = v.rpartition(',')
        bad = comma.empty? || uri.empty? || !sha.match?(/\A\h{64}\z/)
        raise Usage, "--document: \"#{v}\": expected URI,SHA256" if bad

        docs << [uri, sha.downcase]
      when 'start', 'end' then f[:"#{name}_date"] = date(v, "--#{name}")
      when 'value' then value = v
      when 'currency' then currency = v
      when 'framework' then f[:framework] = u64(v, '--framework')
      when 'dimension'
        d = enum_value(Kemitraan::Dimension, v, '--dimension')
        dims |= 1 << d if d >= 0 && d < 32
        f[:dimensions] = dims
      when 'party'
        ident, colon, roles = v.partition(':')
        if colon.empty? || ident.empty? || ident.size >= 32
          raise Usage, "--party: \"#{v}\": expected ID:ROLES, e.g. 3:funding,accountable"
        end

        (f[:parties] ||= []) << [u64(ident, 'ID'), role_mask(roles, '--party')]
      end
    end
    f[:sectors]&.reject!(&:empty?)
    f[:value] = Kemitraan::Money.new(value ? parse_money(value, currency, '--value') : 0, currency) if value || currency
    net.create_agreement(title: f.delete(:title), reference: f.delete(:reference), type: f.delete(:type) || 0, **f).id
  end

  def commitment_add(net, a)
    ids = { 'agreement' => 0, 'provider' => 0, 'recipient' => 0 }
    f = {}
    kind = 0
    title = amount = valuation = currency = vcurrency = nil
    a.opts.each do |name, v|
      case name
      when *ids.keys then ids[name] = u64(v, "--#{name}")
      when 'kind' then kind = enum_value(Kemitraan::CommitmentKind, v, '--kind')
      when 'title' then title = v
      when 'amount' then amount = v
      when 'currency' then currency = v
      when 'unit' then f[:unit] = v
      when 'valuation' then valuation = v
      when 'valuation-currency' then vcurrency = v
      when 'rate-bp' then f[:loan_rate_bp] = u32(v, '--rate-bp')
      when 'term-months' then f[:loan_term_months] = u32(v, '--term-months')
      when 'grace-months' then f[:loan_grace_months] = u32(v, '--grace-months')
      when 'method' then f[:loan_method] = enum_value(Kemitraan::LoanMethod, v, '--method')
      when 'loan-start' then f[:loan_start_date] = date(v, '--loan-start')
      end
    end
    minor = amount ? parse_money(amount, currency, '--amount') : 0
    if valuation || vcurrency
      raise Usage, 'missing --valuation-currency' unless vcurrency

      f[:valuation] = Kemitraan::Money.new(valuation ? parse_money(valuation, vcurrency, '--valuation') : 0, vcurrency)
    end
    net.create_commitment(agreement: ids['agreement'], provider: ids['provider'], recipient: ids['recipient'],
                          kind: kind, title: title, amount: currency ? Kemitraan::Money.new(minor, currency) : minor,
                          **f).id
  end

  # The commitment's currency when it is money (amounts on later commands
  # are read with its digits), else nil.
  def money_currency(net, id)
    c = net.commitment(id)
    c.money? ? c.currency : nil
  end

  def ledger_record(net, a)
    id = a.id
    value_date = date(a.need('date'), '--date')
    type = enum_value(Kemitraan::LedgerType, a.need('type'), '--type')
    amount = a.need('amount')
    tranche = a.last('tranche') ? u32(a.last('tranche'), '--tranche') : 0
    currency = a.last('currency')
    currency = money_currency(net, id) if currency.nil?
    minor = parse_money(amount, currency, '--amount')
    net.record_ledger(id, type, currency ? Kemitraan::Money.new(minor, currency) : minor, value_date,
                      tranche: tranche, note: a.last('note'))
    nil
  end

  def dispute_file(net, a)
    f = { agreement_id: 0, claimant: 0, respondents: [], category: 0, severity: 0, commitment_ids: [],
          milestone_numbers: [] }
    a.opts.each do |name, v|
      case name
      when 'agreement' then f[:agreement_id] = u64(v, '--agreement')
      when 'claimant' then f[:claimant] = u64(v, '--claimant')
      when 'respondent' then f[:respondents] << u64(v, '--respondent')
      when 'category' then f[:category] = enum_value(Kemitraan::DisputeCategory, v, '--category')
      when 'severity' then f[:severity] = enum_value(Kemitraan::DisputeSeverity, v, '--severity')
      when 'description', 'relief' then f[name.to_sym] = v
      when 'commitment' then f[:commitment_ids] << u64(v, '--commitment')
      when 'milestone' then f[:milestone_numbers] << u32(v, '--milestone')
      end
    end
    net.file_dispute(**f).id
  end

  INDICATOR_ENUMS = { 'measure' => [:measure, Kemitraan::Measure], 'dimension' => [:dimension, Kemitraan::Dimension],
                      'level' => [:result_level, Kemitraan::ResultLevel],
                      'direction' => [:direction, Kemitraan::Direction],
                      'frequency' => [:frequency, Kemitraan::Frequency],
                      'time-aggregation' => [:time_aggregation, Kemitraan::TimeAggregation],
                      'cross-aggregation' => [:cross_aggregation, Kemitraan::CrossAggregation] }.freeze

  def indicator_add(net, a)
    owner = u64(a.need('agreement'), '--agreement')
    f = {}
    targets = nil
    a.opts.each do |name, v|
      case name
      when 'code', 'title', 'description' then f[name.to_sym] = v
      when 'unit-label' then f[:unit_label] = v
      when *INDICATOR_ENUMS.keys
        key, type = INDICATOR_ENUMS[name]
        f[key] = enum_value(type, v, "--#{name}")
      when 'scale', 'scale-max', 'weight' then f[name.tr('-', '_').to_sym] = u32(v, "--#{name}")
      when 'allow-over-100' then f[:allow_over_100] = true
      when 'baseline' then f[:baseline] = fraction(v, '--baseline', 0)
      when 'baseline-date' then f[:baseline_date] = date(v, '--baseline-date')
      when 'target'
        targets ||= [] # the options replace the list
        day, eq, rest = v.partition('=')
        if eq.empty? then targets << [nil, *fraction(v, '--target', 1)]
        elsif day.size != 10 then raise Usage, "--target: \"#{v}\": YYYY-MM-DD=N[/D]"
        else targets << [date(day, '--target'), *fraction(rest, '--target', 1)]
        end
      when 'grace-days' then f[:grace_days] = fold(v) == 'default' ? -1 : [u32(v, '--grace-days'), 100_000].min
      when 'reporter' then f[:reporter] = u64(v, '--reporter')
      end
    end
    f[:targets] = targets if targets
    net.create_indicator(agreement: owner, code: f.delete(:code), title: f.delete(:title), **f).id
  end

  def measurement_report(net, a)
    indicator = a.last('indicator')
    iid = indicator ? u64(indicator, '--indicator') : 0
    f = { partner: 0, value: 0, denominator: 0 }
    a.opts.each do |name, v|
      case name
      when 'partner' then f[:partner] = u64(v, '--partner')
      when 'from' then f[:period_start] = date(v, '--from')
      when 'to' then f[:period_end] = date(v, '--to')
      when 'value', 'denominator' then f[name.to_sym] = i64(v, "--#{name}")
      when 'text', 'comment' then f[name.to_sym] = v
      when 'evidence' then f[:evidence_uri] = v
      end
    end
    raise Usage, 'missing --indicator' unless indicator

    f[:partner] = nil if f[:partner].zero?
    net.create_measurement(iid, **f).id
  end

  def opts(*names, flags: [])
    names.to_h { |n| [n, true] }.merge(flags.to_h { |n| [n, false] })
  end

  move = ->(meth, opt) { ->(net, a) { net.send(meth, a.id, a.last(opt)) && nil } }
  with_partner = lambda do |meth|
    ->(net, a) { net.send(meth, a.id, u64(a.need('partner'), '--partner'), a.last('note')) && nil }
  end
  note = ->(meth) { ->(net, a) { net.send(meth, a.id, a.last('note')) && nil } }

  # [group, command] -> [options {name => takes a value}, most positional
  # arguments, lambda]. The options are the C tool's for that command that
  # this loader converts; anything else is refused with the step's number.
  COMMANDS = {
    %w[partner add] => [opts(*%w[name external-id kind region email phone website sector capability need]), 0,
                        method(:partner_add)],
    %w[framework add] => [opts(*%w[name legal-reference allow-type require-role min-days max-days max-value currency
                                   require-dimension incentive]), 0, method(:framework_add)],
    %w[agreement add] => [opts(*%w[title reference type purpose sector region document start end value currency
                                   framework dimension party]), 0, method(:agreement_add)],
    %w[agreement propose] => [opts('reason'), 1, move.call(:propose_agreement, 'reason')],
    %w[agreement sign] => [opts('partner'), 1, lambda { |net, a|
      id = a.id
      net.sign_agreement(id, u64(a.need('partner'), '--partner')) && nil
    }],
    %w[agreement activate] => [opts('override-justification'), 1,
                               move.call(:activate_agreement, 'override-justification')],
    %w[agreement suspend] => [opts('reason'), 1, move.call(:suspend_agreement, 'reason')],
    %w[agreement resume] => [opts('reason'), 1, move.call(:resume_agreement, 'reason')],
    %w[agreement complete] => [opts('reason'), 1, move.call(:complete_agreement, 'reason')],
    %w[agreement terminate] => [opts('reason'), 1, move.call(:terminate_agreement, 'reason')],
    %w[agreement cancel] => [opts('reason'), 1, move.call(:cancel_agreement, 'reason')],
    %w[agreement expire-due] => [opts('date'), 0,
                                 ->(net, a) { net.expire_due_agreements(date(a.need('date'), '--date')) && nil }],
    %w[agreement milestone-add] => [opts('type', 'title', 'due'), 1, lambda { |net, a|
      id = a.id
      type = a.last('type') ? enum_value(Kemitraan::MilestoneType, a.last('type'), '--type') : 0
      net.add_milestone(id, type, a.last('title'), a.last('due') && date(a.last('due'), '--due')) && nil
    }],
    %w[agreement milestone-status] => [opts('status', 'date'), 2, lambda { |net, a|
      id = a.id
      number = a.id(1, 'NUMBER')
      raise Usage, "NUMBER: \"#{a.pos[1]}\" is not a number" if number > 0xFFFFFFFF

      status = enum_value(Kemitraan::MilestoneStatus, a.need('status'), '--status')
      net.set_milestone_status(id, number, status, a.last('date') && date(a.last('date'), '--date'))
      nil
    }],
    %w[agreement risk-add] => [opts('category', 'allocation', 'mitigation'), 1, lambda { |net, a|
      id = a.id
      category, allocation = a.need('category'), a.need('allocation')
      net.add_risk(id, enum_value(Kemitraan::RiskCategory, category, '--category'),
                   enum_value(Kemitraan::RiskAllocation, allocation, '--allocation'), a.last('mitigation')) && nil
    }],
    %w[commitment add] => [opts(*%w[agreement provider recipient kind title amount currency unit valuation
                                    valuation-currency rate-bp term-months grace-months method loan-start]), 0,
                           method(:commitment_add)],
    %w[commitment commit] => [opts('date', 'reason'), 1, lambda { |net, a|
      id = a.id
      net.commit_commitment(id, date(a.need('date'), '--date'), a.last('reason')) && nil
    }],
    %w[commitment tranche-add] => [opts('date', 'amount', 'note'), 1, lambda { |net, a|
      id = a.id
      planned = date(a.need('date'), '--date')
      amount = a.need('amount')
      net.add_tranche(id, planned, parse_money(amount, money_currency(net, id), '--amount'), note: a.last('note'))
      nil
    }],
    %w[commitment ledger-record] => [opts(*%w[date type amount currency tranche note]), 1, method(:ledger_record)],
    %w[dispute file] => [opts(*%w[agreement claimant respondent category severity description relief commitment
                                  milestone]), 0, method(:dispute_file)],
    %w[dispute acknowledge] => [opts('partner', 'note', 'reason'), 1, with_partner.call(:acknowledge_dispute)],
    %w[dispute consent] => [opts('partner', 'note', 'reason'), 1, with_partner.call(:consent_dispute)],
    %w[dispute negotiate] => [opts('note', 'reason'), 1, note.call(:negotiate_dispute)],
    %w[dispute assign-mediator] => [opts('partner', 'override-justification'), 1, lambda { |net, a|
      id = a.id
      net.assign_mediator(id, u64(a.need('partner'), '--partner'), a.last('override-justification')) && nil
    }],
    %w[dispute mediate] => [opts('note', 'reason'), 1, note.call(:mediate_dispute)],
    %w[dispute settle] => [opts('terms', 'commitment', 'milestone'), 1, lambda { |net, a|
      id = a.id
      net.settle_dispute(id, a.last('terms'), commitments: a.all('commitment').map { |v| u64(v, '--commitment') },
                                              milestones: a.all('milestone').map { |v| u32(v, '--milestone') })
      nil
    }],
    %w[dispute escalate] => [opts('forum', 'note', 'reason'), 1, lambda { |net, a|
      id = a.id
      net.escalate_dispute(id, enum_value(Kemitraan::DisputeForum, a.need('forum'), '--forum'), a.last('note')) && nil
    }],
    %w[dispute close] => [opts('note', 'reason'), 1, note.call(:close_dispute)],
    %w[dispute withdraw] => [opts('note', 'reason'), 1, note.call(:withdraw_dispute)],
    %w[dispute dismiss] => [opts('note', 'reason'), 1, note.call(:dismiss_dispute)],
    %w[indicator add] => [opts(*%w[agreement code title description measure dimension level direction unit-label
                                   scale scale-max baseline baseline-date target frequency time-aggregation
                                   cross-aggregation reporter weight grace-days], flags: ['allow-over-100']), 0,
                          method(:indicator_add)],
    %w[measurement report] => [opts(*%w[indicator partner from to value denominator text evidence comment]), 0,
                               method(:measurement_report)],
    %w[measurement submit] => [opts, 1, ->(net, a) { net.submit_measurement(a.id) && nil }],
    %w[measurement approve] => [opts('note'), 1, move.call(:approve_measurement, 'note')],
    %w[measurement return] => [opts('note'), 1, move.call(:return_measurement, 'note')]
  }.freeze
  # --reason is the tool's other name for a dispute move's --note.
  ALIASES = { 'dispute' => { 'reason' => 'note' } }.freeze

  # [command name, lambda, Args] from one command line; Usage if the command
  # or an option is unknown or a value is missing.
  def parse_step(argv)
    entry = COMMANDS[argv[0, 2]]
    raise Usage, "unknown command \"#{argv[0, 2].join(' ')}\"" if argv.size < 2 || entry.nil?

    options, max_pos, fn = entry
    aliases = ALIASES.fetch(argv[0], {})
    pos = []
    opts = []
    i = 2
    while i < argv.size
      arg = argv[i]
      if arg.start_with?('--') && arg.size > 2
        name, eq, value = arg[2..].partition('=')
        raise Usage, "unknown option --#{name} for #{argv[0]} #{argv[1]}" unless options.key?(name)

        if !options[name]
          raise Usage, "--#{name} takes no value" unless eq.empty?

          value = nil
        elsif eq.empty?
          i += 1
          raise Usage, "--#{name} needs a value" if i >= argv.size

          value = argv[i]
        end
        opts << [aliases.fetch(name, name), value]
      else
        pos << arg
      end
      i += 1
    end
    raise Usage, "unexpected argument \"#{pos[max_pos]}\" for #{argv[0]} #{argv[1]}" if pos.size > max_pos

    ["#{argv[0]} #{argv[1]}", fn, Args.new(pos, opts)]
  end

  # "@name" -> the id, "@name:rest" -> id + ":rest", "@@x" -> "@x".
  def resolve(arg, ids, where)
    return arg unless arg.start_with?('@')
    return arg[1..] if arg.start_with?('@@')

    name, colon, rest = arg[1..].partition(':')
    raise ScriptError, "#{where}: \"@#{name}\" is not named by an earlier step (\"as\")" unless ids.key?(name)

    "#{ids[name]}#{colon}#{rest}"
  end

  # The script, checked as `kemitraan load` checks it before writing anything.
  def read_script(path)
    doc = JSON.parse(File.read(path, encoding: 'UTF-8'))
    raise ScriptError, "#{path}: must be a JSON object" unless doc.is_a?(Hash)

    doc.each_key do |k|
      raise ScriptError, "#{path}: unknown field \"#{k}\"" unless %w[format title description steps].include?(k)
    end
    raise ScriptError, "#{path}: \"format\" must be \"#{FORMAT}\"" unless doc['format'] == FORMAT
    raise ScriptError, "#{path}: \"steps\" must be an array of objects" unless doc['steps'].is_a?(Array)

    last_at = nil
    names = {}
    doc['steps'].each.with_index(1) do |step, n|
      where = "#{path}: step #{n}"
      raise ScriptError, "#{where}: must be an object" unless step.is_a?(Hash)

      step.each_key { |k| raise ScriptError, "#{where}: unknown field \"#{k}\"" unless %w[cmd at as note].include?(k) }
      cmd = step['cmd']
      unless cmd.is_a?(Array) && !cmd.empty? && cmd.all?(String)
        raise ScriptError, "#{where}: \"cmd\" must be a non-empty array of strings"
      end

      if step.key?('at')
        t = step['at'].is_a?(String) ? parse_time(step['at']) : nil
        raise ScriptError, "#{where}: \"at\" is not an ISO 8601 time: #{step['at'].inspect}" if t.nil? || t <= 0
        raise ScriptError, "#{where}: \"at\" is earlier than the step before: #{step['at']}" if last_at && t < last_at

        last_at = t
      end
      cmd.each { |arg| resolve(arg, names, where) } # every reference names an earlier step
      begin
        parse_step(cmd) # the command and its options, before anything is written
      rescue Usage => e
        raise ScriptError, "#{where}: #{e.message}"
      end
      next unless step.key?('as')

      unless step['as'].is_a?(String) && NAME_RE.match?(step['as'])
        raise ScriptError, "#{where}: an \"as\" name must be 1-64 letters, digits, '_', '-' or '.'"
      end
      if names.key?(step['as'])
        raise ScriptError, "#{where}: the name \"#{step['as']}\" is already taken by an earlier step"
      end

      names[step['as']] = 1
    end
    doc
  rescue JSON::ParserError => e
    raise ScriptError, "#{path}: invalid JSON: #{e.message.lines.first.strip}"
  end

  # The network clock: the running step's "at" (microseconds); before the
  # first "at", KEMITRAAN_TEST_CLOCK or the real clock.
  class Clock
    attr_accessor :at

    def initialize
      env = ENV.fetch('KEMITRAAN_TEST_CLOCK', '')
      @test = env.empty? ? nil : LoadScript.parse_time(env)
    end

    def call
      @at || @test || (Time.now.to_r * 1_000_000).to_i
    end
  end

  # Runs every step of +doc+ on +net+; returns { name => id } of the "as" names.
  def run_steps(net, doc, path = 'script')
    clock = Clock.new
    net.set_clock(clock)
    ids = {}
    doc['steps'].each.with_index(1) do |step, n|
      where = "#{path}: step #{n}"
      argv = step['cmd'].map { |arg| resolve(arg, ids, where) }
      clock.at = parse_time(step['at']) if step.key?('at')
      name, fn, args = begin
        parse_step(argv)
      rescue Usage => e
        raise ScriptError, "#{where}: #{e.message}"
      end
      begin
        made = fn.call(net, args)
      rescue Usage, Kemitraan::Error => e
        raise ScriptError, "#{where}: #{name}: #{e.message}"
      end
      next unless step.key?('as')
      raise ScriptError, "#{where}: #{name} creates no id for \"as\"" if made.nil?

      ids[step['as']] = made
    end
    ids
  ensure
    net.set_clock(nil)
  end

  # Loads +script+ into the file store +store+; returns [steps, head hash,
  # stats]. The file is checked first (format, commands, options,
  # references); into an empty store every step is rehearsed on a memory
  # network first, so a step the library refuses leaves the store untouched
  # (as `kemitraan load` does). A store that holds data gets the steps
  # directly: a refused step stops the load there.
  def load(store, script = DEFAULT_SCRIPT, actor: DEFAULT_ACTOR, sync: :normal)
    doc = read_script(script)
    name = File.basename(script)
    Kemitraan::Network.open(store, actor: actor, sync: sync) do |net|
      Kemitraan::Network.open(actor: actor) { |rehearsal| run_steps(rehearsal, doc, name) } if net.seq.zero?
      run_steps(net, doc, name)
      net.sync
      [doc['steps'].size, net.head_hash, net.stats]
    end
  end

  def main(argv)
    actor = DEFAULT_ACTOR
    sync = :normal
    rest = []
    while (arg = argv.shift)
      case arg
      when '--actor' then actor = argv.shift
      when '--sync' then sync = argv.shift.to_sym
      when '-h', '--help'
        puts 'usage: load_script.rb STORE [SCRIPT] [--actor NAME] [--sync full|normal|off]'
        return 0
      else rest << arg
      end
    end
    unless (1..2).cover?(rest.size) && actor
      warn 'usage: load_script.rb STORE [SCRIPT] [--actor NAME] [--sync full|normal|off]'
      return 2
    end
    steps, head, stats = load(rest[0], rest[1] || DEFAULT_SCRIPT, actor: actor, sync: sync)
    puts format('steps       : %d', steps)
    puts format('log entries : %d', stats.log_entries)
    %i[partners frameworks agreements commitments indicators measurements disputes].each do |k|
      puts format('%-12s: %d', k, stats[k])
    end
    puts "head_hash   : #{head}"
    0
  rescue ScriptError, SystemCallError, Kemitraan::Error => e
    warn "load_script.rb: #{e.message}"
    1
  end
end

exit(LoadScript.main(ARGV.dup)) if $PROGRAM_NAME == __FILE__
