"""The transports that carry a signed request's bytes: one interface (``base``), one module per library."""
