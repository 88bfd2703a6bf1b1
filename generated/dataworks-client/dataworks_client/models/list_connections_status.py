from typing import Literal

ListConnectionsStatus = Literal["DISABLED", "ENABLED"]

LIST_CONNECTIONS_STATUS_VALUES: set[ListConnectionsStatus] = {
    "DISABLED",
    "ENABLED",
}


def check_list_connections_status(value: str) -> ListConnectionsStatus:
    if value in LIST_CONNECTIONS_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_STATUS_VALUES!r}")
