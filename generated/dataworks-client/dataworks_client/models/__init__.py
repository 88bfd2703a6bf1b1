"""Contains all the data models used in inputs/outputs"""

from .connection_content import ConnectionContent
from .create_connection_env_type import CreateConnectionEnvType
from .create_connection_response_body import CreateConnectionResponseBody
from .delete_connection_response_body import DeleteConnectionResponseBody
from .error import Error
from .list_connections_env_type import ListConnectionsEnvType
from .list_connections_response_body import ListConnectionsResponseBody
from .list_connections_response_body_data import ListConnectionsResponseBodyData
from .list_connections_response_body_data_connections import ListConnectionsResponseBodyDataConnections
from .list_connections_response_body_data_connections_connect_status import (
    ListConnectionsResponseBodyDataConnectionsConnectStatus,
)
from .list_connections_response_body_data_connections_env_type import ListConnectionsResponseBodyDataConnectionsEnvType
from .list_connections_response_body_data_connections_status import ListConnectionsResponseBodyDataConnectionsStatus
from .list_connections_status import ListConnectionsStatus
from .update_connection_env_type import UpdateConnectionEnvType
from .update_connection_response_body import UpdateConnectionResponseBody
from .update_connection_status import UpdateConnectionStatus

__all__ = (
    "ConnectionContent",
    "CreateConnectionEnvType",
    "CreateConnectionResponseBody",
    "DeleteConnectionResponseBody",
    "Error",
    "ListConnectionsEnvType",
    "ListConnectionsResponseBody",
    "ListConnectionsResponseBodyData",
    "ListConnectionsResponseBodyDataConnections",
    "ListConnectionsResponseBodyDataConnectionsConnectStatus",
    "ListConnectionsResponseBodyDataConnectionsEnvType",
    "ListConnectionsResponseBodyDataConnectionsStatus",
    "ListConnectionsStatus",
    "UpdateConnectionEnvType",
    "UpdateConnectionResponseBody",
    "UpdateConnectionStatus",
)
