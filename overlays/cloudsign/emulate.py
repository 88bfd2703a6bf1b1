"""``python -m cloudsign.emulate`` (``make emulate``): serve both emulators on 127.0.0.1 until stopped.

DAS listens on ``$DAS_EMULATOR_PORT`` (default 18780), DataWorks on ``$DATAWORKS_EMULATOR_PORT`` (default 18781).
They accept the keys in the environment the clients read, or the documented demo keys.
"""

from __future__ import annotations

import asyncio
import os


async def _serve() -> None:
    import uvicorn

    from cloudsign.alibabacloud.emulator import create_app as dataworks_app
    from cloudsign.huaweicloud.emulator import create_app as das_app

    servers = []
    for app, env, default in (
        (das_app(), "DAS_EMULATOR_PORT", 18780),
        (dataworks_app(), "DATAWORKS_EMULATOR_PORT", 18781),
    ):
        port = int(os.environ.get(env, default))
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        servers.append(uvicorn.Server(config))
        print(f"emulator: {env.split('_')[0].lower()} on http://127.0.0.1:{port}", flush=True)
    await asyncio.gather(*(s.serve() for s in servers))


def main() -> None:
    try:
        asyncio.run(_serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
