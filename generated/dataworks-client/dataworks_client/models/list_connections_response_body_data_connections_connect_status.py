from typing import Literal

ListConnectionsResponseBodyDataConnectionsConnectStatus = Literal[1, 2]

LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_CONNECT_STATUS_VALUES: set[
    ListConnectionsResponseBodyDataConnectionsConnectStatus
] = {
    1,
    2,
}


def check_list_connections_response_body_data_connections_connect_status(
    value: int,
) -> ListConnectionsResponseBodyDataConnectionsConnectStatus:
    if value in LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_CONNECT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_CONNECT_STATUS_VALUES!r}"
    )
