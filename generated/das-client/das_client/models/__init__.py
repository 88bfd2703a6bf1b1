"""Contains all the data models used in inputs/outputs"""

from .api_list_connections_info_resp_das_conn_info_list import ApiListConnectionsInfoRespDasConnInfoList
from .batch_delete_connection_new_request_body import BatchDeleteConnectionNewRequestBody
from .batch_delete_connection_new_response_body import BatchDeleteConnectionNewResponseBody
from .connection_ids_item import ConnectionIdsItem
from .create_instance_connection_request_body import CreateInstanceConnectionRequestBody
from .create_instance_connection_request_body_engine_type import CreateInstanceConnectionRequestBodyEngineType
from .create_instance_connection_request_body_network_type import CreateInstanceConnectionRequestBodyNetworkType
from .create_instance_connection_response_body import CreateInstanceConnectionResponseBody
from .create_instance_connection_x_language import CreateInstanceConnectionXLanguage
from .das_conn_info import DasConnInfo
from .error import Error
from .list_connections_connection_type import ListConnectionsConnectionType
from .list_connections_response_body import ListConnectionsResponseBody
from .list_connections_x_language import ListConnectionsXLanguage
from .modify_connection_request_body import ModifyConnectionRequestBody
from .modify_connection_response_body import ModifyConnectionResponseBody
from .show_connection_detail_response_body import ShowConnectionDetailResponseBody

__all__ = (
    "ApiListConnectionsInfoRespDasConnInfoList",
    "BatchDeleteConnectionNewRequestBody",
    "BatchDeleteConnectionNewResponseBody",
    "ConnectionIdsItem",
    "CreateInstanceConnectionRequestBody",
    "CreateInstanceConnectionRequestBodyEngineType",
    "CreateInstanceConnectionRequestBodyNetworkType",
    "CreateInstanceConnectionResponseBody",
    "CreateInstanceConnectionXLanguage",
    "DasConnInfo",
    "Error",
    "ListConnectionsConnectionType",
    "ListConnectionsResponseBody",
    "ListConnectionsXLanguage",
    "ModifyConnectionRequestBody",
    "ModifyConnectionResponseBody",
    "ShowConnectionDetailResponseBody",
)
