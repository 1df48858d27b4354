"""The five benefit dimensions partnerships are evaluated on (dimension.h)."""
from ctypes import c_char_p, c_int

from ._enum import LabelledEnum
from ._lib import func

km_dimension_label = func("km_dimension_label", c_char_p, c_int, c_int)


class Dimension(LabelledEnum):
    """Evaluation dimensions (km_dimension); masks use ``1 << dimension``."""
    INNOVATION = 0
    EFFICIENCY = 1
    IMPACT = 2
    SUSTAINABILITY = 3
    PUBLIC_TRUST = 4

    @property
    def bit(self):
        return 1 << int(self)


Dimension._label_fn = km_dimension_label

#: Mask with every dimension (KM_DIMENSION_ALL).
ALL = 0x1F
