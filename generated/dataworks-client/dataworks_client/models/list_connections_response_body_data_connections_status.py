from typing import Literal

ListConnectionsResponseBodyDataConnectionsStatus = Literal[1, 2]

LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_STATUS_VALUES: set[ListConnectionsResponseBodyDataConnectionsStatus] = {
    1,
    2,
}


def check_list_connections_response_body_data_connections_status(
    value: int,
) -> ListConnectionsResponseBodyDataConnectionsStatus:
    if value in LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_STATUS_VALUES!r}"
    )
