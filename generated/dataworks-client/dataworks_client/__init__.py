"""A client library for accessing Alibaba Cloud DataWorks (dataworks-public 2020-05-18) - CreateConnection"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
