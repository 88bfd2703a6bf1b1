from typing import Literal

CreateInstanceConnectionRequestBodyEngineType = Literal[
    "ddm", "gaussdbv5", "mongodb", "mysql", "postgresql", "sqlserver", "taurus"
]

CREATE_INSTANCE_CONNECTION_REQUEST_BODY_ENGINE_TYPE_VALUES: set[CreateInstanceConnectionRequestBodyEngineType] = {
    "ddm",
    "gaussdbv5",
    "mongodb",
    "mysql",
    "postgresql",
    "sqlserver",
    "taurus",
}


def check_create_instance_connection_request_body_engine_type(
    value: str,
) -> CreateInstanceConnectionRequestBodyEngineType:
    if value in CREATE_INSTANCE_CONNECTION_REQUEST_BODY_ENGINE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_INSTANCE_CONNECTION_REQUEST_BODY_ENGINE_TYPE_VALUES!r}"
    )
