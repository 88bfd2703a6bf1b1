"""A client library for accessing Huawei Cloud Data Admin Service (DAS) - Instance Connections"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
