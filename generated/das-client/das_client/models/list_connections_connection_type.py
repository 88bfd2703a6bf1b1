from typing import Literal

ListConnectionsConnectionType = Literal["NORMAL", "SHARE"]

LIST_CONNECTIONS_CONNECTION_TYPE_VALUES: set[ListConnectionsConnectionType] = {
    "NORMAL",
    "SHARE",
}


def check_list_connections_connection_type(value: str) -> ListConnectionsConnectionType:
    if value in LIST_CONNECTIONS_CONNECTION_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_CONNECTION_TYPE_VALUES!r}")
