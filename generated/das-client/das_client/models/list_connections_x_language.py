from typing import Literal

ListConnectionsXLanguage = Literal["en-us", "zh-cn"]

LIST_CONNECTIONS_X_LANGUAGE_VALUES: set[ListConnectionsXLanguage] = {
    "en-us",
    "zh-cn",
}


def check_list_connections_x_language(value: str) -> ListConnectionsXLanguage:
    if value in LIST_CONNECTIONS_X_LANGUAGE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_CONNECTIONS_X_LANGUAGE_VALUES!r}")
