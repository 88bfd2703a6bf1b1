from typing import Literal

CreateConnectionEnvType = Literal[0, 1]

CREATE_CONNECTION_ENV_TYPE_VALUES: set[CreateConnectionEnvType] = {
    0,
    1,
}


def check_create_connection_env_type(value: int) -> CreateConnectionEnvType:
    if value in CREATE_CONNECTION_ENV_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CREATE_CONNECTION_ENV_TYPE_VALUES!r}")
