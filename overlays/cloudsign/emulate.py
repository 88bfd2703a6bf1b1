"""``python -m cloudsign.emulate`` (``make emulate``): serve both emulators on 127.0.0.1 until stopped.

The Huawei Cloud emulator listens on ``$DAS_EMULATOR_PORT`` (default 18780), the Alibaba Cloud one on
``$DATAWORKS_EMULATOR_PORT`` (default 18781). Each serves every operation of every service of its cloud found in
specs/ (``$CLOUDSIGN_SPECS_DIR`` when set), and accepts the keys in the environment the clients read (temporary
keys when ``HUAWEICLOUD_SDK_SECURITY_TOKEN`` / ``ALIBABA_CLOUD_SECURITY_TOKEN`` is set: then that token is required),
or the documented demo keys.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

# (cloud, emulator module, port variable, default port); the variable names predate the other services.
EMULATORS = (
    ("huaweicloud", "cloudsign.emulator.huaweicloud", "DAS_EMULATOR_PORT", 18780),
    ("alibabacloud", "cloudsign.emulator.alibabacloud", "DATAWORKS_EMULATOR_PORT", 18781),
)


def _describe(app: Any) -> str:
    services = app.state.gateway.services
    return "; ".join(f"{s.name}: {', '.join(op.operation_id for op in s.operations)}" for s in services) or "nothing"


async def _serve() -> None:
    import importlib

    import uvicorn

    servers = []
    for cloud, module, env, default in EMULATORS:
        app = importlib.import_module(module).create_app()
        port = int(os.environ.get(env, default))
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        servers.append(uvicorn.Server(config))
        print(f"emulator: {cloud} on http://127.0.0.1:{port} ({_describe(app)})", flush=True)
    await asyncio.gather(*(s.serve() for s in servers))


def main() -> None:
    try:
        asyncio.run(_serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
