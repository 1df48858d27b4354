# frozen_string_literal: true

module Kemitraan
  Lib.func :km_dimension_label, :string, :int, :int

  # The five benefit dimensions partnerships are evaluated on
  # (km_dimension); masks use 1 << dimension.
  Dimension = BitEnumType.new(:dimension, { innovation: 0, efficiency: 1, impact: 2, sustainability: 3,
                                            public_trust: 4 }, :km_dimension_label)
  # Mask with every dimension (KM_DIMENSION_ALL).
  DIMENSION_ALL = 0x1F
end
