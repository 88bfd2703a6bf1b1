from typing import Literal

ListConnectionsResponseBodyDataConnectionsEnvType = Literal[0, 1]

LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_ENV_TYPE_VALUES: set[
    ListConnectionsResponseBodyDataConnectionsEnvType
] = {
    0,
    1,
}


def check_list_connections_response_body_data_connections_env_type(
    value: int,
) -> ListConnectionsResponseBodyDataConnectionsEnvType:
    if value in LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_ENV_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_RESPONSE_BODY_DATA_CONNECTIONS_ENV_TYPE_VALUES!r}"
    )
