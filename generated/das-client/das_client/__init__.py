"""A client library for accessing Huawei Cloud Data Admin Service (DAS) - Creating an Instance Connection"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
