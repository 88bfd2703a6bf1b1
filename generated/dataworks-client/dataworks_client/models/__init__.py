"""Contains all the data models used in inputs/outputs"""

from .connection_content import ConnectionContent
from .create_connection_env_type import CreateConnectionEnvType
from .create_connection_response_body import CreateConnectionResponseBody
from .error import Error

__all__ = (
    "ConnectionContent",
    "CreateConnectionEnvType",
    "CreateConnectionResponseBody",
    "Error",
)
