from typing import Literal

CreateInstanceConnectionXLanguage = Literal["en-us", "zh-cn"]

CREATE_INSTANCE_CONNECTION_X_LANGUAGE_VALUES: set[CreateInstanceConnectionXLanguage] = {
    "en-us",
    "zh-cn",
}


def check_create_instance_connection_x_language(value: str) -> CreateInstanceConnectionXLanguage:
    if value in CREATE_INSTANCE_CONNECTION_X_LANGUAGE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CREATE_INSTANCE_CONNECTION_X_LANGUAGE_VALUES!r}")
