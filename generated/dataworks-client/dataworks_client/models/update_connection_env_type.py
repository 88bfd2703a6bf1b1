from typing import Literal

UpdateConnectionEnvType = Literal[0, 1]

UPDATE_CONNECTION_ENV_TYPE_VALUES: set[UpdateConnectionEnvType] = {
    0,
    1,
}


def check_update_connection_env_type(value: int) -> UpdateConnectionEnvType:
    if value in UPDATE_CONNECTION_ENV_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UPDATE_CONNECTION_ENV_TYPE_VALUES!r}")
