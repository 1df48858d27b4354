# frozen_string_literal: true

module Kemitraan
  # Languages of labels and messages (km_lang).
  LANG_ID = 0
  LANG_EN = 1

  @language = LANG_EN

  class << self
    # Default language of labels and error messages: :id or :en (English
    # until changed). Process-wide.
    def language
      @language == LANG_ID ? :id : :en
    end

    def language=(lang)
      @language = lang_code(lang)
    end

    # :id / :en / "id" / 0 / 1 / nil (the default) -> KM_LANG_*.
    def lang_code(lang = nil)
      case lang
      when nil then @language
      when Integer then lang == LANG_ID ? LANG_ID : LANG_EN
      else
        case lang.to_s.downcase
        when 'id', 'in', 'ind', 'indonesian', 'bahasa' then LANG_ID
        when 'en', 'eng', 'english' then LANG_EN
        else raise ArgumentError, "unknown language #{lang.inspect} (use :id or :en)"
        end
      end
    end
  end

  # Base class of every error the library reports. #code is the negative
  # KM_E* code, #field the argument, field or rule at fault
  # ("partner.email"), #messages the message in both languages and
  # #message the one in Kemitraan.language.
  class Error < StandardError
    CODE = -1

    attr_reader :code, :field, :messages

    def initialize(message_en = '', field = '', message_id = nil, code: nil)
      @code = code || self.class::CODE
      @field = field || ''
      @messages = { en: message_en || '', id: message_id || message_en || '' }.freeze
      super(@messages[:en])
    end

    def message
      @messages[Kemitraan.language]
    end

    def to_s
      message
    end

    # The message in :id or :en.
    def message_in(lang)
      @messages[Kemitraan.lang_code(lang) == LANG_ID ? :id : :en]
    end
  end

  # KM_EINVAL: an argument or field is invalid.
  class InvalidArgument < Error; CODE = -2; end
  # KM_ENOTFOUND: the entity or entry does not exist.
  class NotFound < Error; CODE = -3; end
  # KM_EEXISTS: a unique value is already taken.
  class AlreadyExists < Error; CODE = -4; end
  # KM_ESTATE: not allowed in the entity's current state.
  class InvalidState < Error; CODE = -5; end
  # KM_ECONFLICT: another handle changed the store; refresh and retry.
  class Conflict < Error; CODE = -6; end
  # KM_ESTORAGE: the storage backend failed.
  class StorageError < Error; CODE = -7; end
  # KM_ECORRUPT: stored data is malformed or fails its checksum or hash chain.
  class Corrupt < Error; CODE = -8; end
  # KM_ENOMEM: an allocation failed; nothing changed.
  class OutOfMemory < Error; CODE = -9; end
  # KM_EDENIED: the authorizer refused the action; nothing changed.
  class Denied < Error; CODE = -10; end
  # KM_ERANGE: arithmetic overflow or a value outside its domain.
  class RangeError < Error; CODE = -11; end
  # KM_EREADONLY: read-only handle (time travel or read-only store).
  class ReadOnly < Error; CODE = -12; end
  # KM_EBUSY: the store is locked by another writer.
  class Busy < Error; CODE = -13; end
  # KM_EVERSION: unsupported structure, record, backend or library version.
  class VersionError < Error; CODE = -14; end

  ERRORS_BY_CODE = [InvalidArgument, NotFound, AlreadyExists, InvalidState, Conflict, StorageError, Corrupt,
                    OutOfMemory, Denied, RangeError, ReadOnly, Busy, VersionError].to_h { |c| [c::CODE, c] }.freeze

  # The exception class for a KM_E* code (Error for any other).
  def self.error_class(code)
    ERRORS_BY_CODE.fetch(code, Error)
  end
end
