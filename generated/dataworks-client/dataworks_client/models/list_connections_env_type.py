from typing import Literal

ListConnectionsEnvType = Literal[0, 1]

LIST_CONNECTIONS_ENV_TYPE_VALUES: set[ListConnectionsEnvType] = {
    0,
    1,
}


def check_list_connections_env_type(value: int) -> ListConnectionsEnvType:
    if value in LIST_CONNECTIONS_ENV_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_ENV_TYPE_VALUES!r}")
