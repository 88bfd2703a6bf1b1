"""cloudsign: the hand-written overlay over the generated ``das_client`` and ``dataworks_client``.

``cloudsign.huaweicloud`` and ``cloudsign.alibabacloud`` are the two front doors; ``cloudsign.errors`` holds the
exception classes both share. Importing this package imports nothing else.
"""

__version__ = "0.1.0"
