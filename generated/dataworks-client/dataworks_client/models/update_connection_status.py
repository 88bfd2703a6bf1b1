from typing import Literal

UpdateConnectionStatus = Literal["DISABLED", "ENABLED"]

UPDATE_CONNECTION_STATUS_VALUES: set[UpdateConnectionStatus] = {
    "DISABLED",
    "ENABLED",
}


def check_update_connection_status(value: str) -> UpdateConnectionStatus:
    if value in UPDATE_CONNECTION_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UPDATE_CONNECTION_STATUS_VALUES!r}")
