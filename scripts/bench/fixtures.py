"""The inputs every contender sends (the seed examples of both specs) and the answers nginx gives."""

from __future__ import annotations

import json
from typing import Any, Final

DAS_CONNECTION_ID: Final = "99af0766-c3f4-4e4e-a95e-14a1b070188e"
DAS_RESPONSE: Final = json.dumps({"connection_id": DAS_CONNECTION_ID})
DATAWORKS_RESPONSE: Final = json.dumps(
    {"RequestId": "0bc141151593763****", "HttpStatusCode": 200, "Data": 123, "Success": True}
)

# Huawei DAS CreateInstanceConnection (the spec's create_mysql_connection example).
HW_AK: Final = "BENCHAKEXAMPLE000001"
HW_SK: Final = "benchSecretKeyExample0000000000000000001"
DAS_PROJECT_ID: Final = "052041494800d57c2f02c00275b4c247"
DAS_INSTANCE_ID: Final = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
DAS_PATH: Final = f"/v3/{DAS_PROJECT_ID}/instances/{DAS_INSTANCE_ID}/create-connection"


def das_body() -> dict[str, Any]:
    return {
        "engine_type": "mysql",
        "network_type": "rds",
        "username": "root",
        "is_save_password": True,
        "password": "Gauss_2345",
        "sql_record_flag": True,
        "remarks": "create by api",
    }


# Alibaba DataWorks CreateConnection (the documented rds example).
ALI_AK: Final = "LTAIbenchAccessKeyId01"
ALI_SK: Final = "benchAccessKeySecretExample0001"
DW_REGION: Final = "cn-shanghai"
DW_ACTION: Final = "CreateConnection"
DW_VERSION: Final = "2020-05-18"
DW_CONTENT: Final = (
    '{"database":"dbname","instanceName":"instancename","password":"password","rdsOwnerId":"123","username":"username"}'
)


def dataworks_query() -> dict[str, str]:
    """The RPC parameters as the official client puts them in the query (ACS3 sends Action/Version as headers)."""
    return {
        "ConnectionType": "rds",
        "Content": DW_CONTENT,
        "EnvType": "1",
        "Name": "abc",
        "ProjectId": "1",
        "RegionId": DW_REGION,
    }
