"""Contains all the data models used in inputs/outputs"""

from .create_instance_connection_request_body import CreateInstanceConnectionRequestBody
from .create_instance_connection_request_body_engine_type import CreateInstanceConnectionRequestBodyEngineType
from .create_instance_connection_request_body_network_type import CreateInstanceConnectionRequestBodyNetworkType
from .create_instance_connection_response_body import CreateInstanceConnectionResponseBody
from .create_instance_connection_x_language import CreateInstanceConnectionXLanguage
from .error import Error

__all__ = (
    "CreateInstanceConnectionRequestBody",
    "CreateInstanceConnectionRequestBodyEngineType",
    "CreateInstanceConnectionRequestBodyNetworkType",
    "CreateInstanceConnectionResponseBody",
    "CreateInstanceConnectionXLanguage",
    "Error",
)
