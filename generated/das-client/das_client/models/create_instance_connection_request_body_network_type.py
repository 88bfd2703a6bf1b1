from typing import Literal

CreateInstanceConnectionRequestBodyNetworkType = Literal["ddm", "dds", "gaussdb", "rds"]

CREATE_INSTANCE_CONNECTION_REQUEST_BODY_NETWORK_TYPE_VALUES: set[CreateInstanceConnectionRequestBodyNetworkType] = {
    "ddm",
    "dds",
    "gaussdb",
    "rds",
}


def check_create_instance_connection_request_body_network_type(
    value: str,
) -> CreateInstanceConnectionRequestBodyNetworkType:
    if value in CREATE_INSTANCE_CONNECTION_REQUEST_BODY_NETWORK_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_INSTANCE_CONNECTION_REQUEST_BODY_NETWORK_TYPE_VALUES!r}"
    )
