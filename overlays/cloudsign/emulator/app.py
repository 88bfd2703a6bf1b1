"""An emulator as a Starlette app (the control routes under ``/_emulator/``, then every other request through
``handler.handle``), and ``running``: an app served by uvicorn on 127.0.0.1 in a background thread.

Starlette and uvicorn are imported only when an app is built or served."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .call import Call
from .faults import DropConnection, Fault
from .handler import HTTP_METHODS, handle
from .replies import Reply

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request

    from .gateway import Gateway
    from .state import EmulatorState

__all__ = ["as_response", "build_app", "control_routes", "fault_and_reset_routes", "running"]


def fault_and_reset_routes(set_faults: Callable[[Any], None], reset: Callable[[], None]) -> list[Any]:
    """``POST /_emulator/faults`` (``set_faults`` takes the JSON; a ValueError or TypeError is a 400 naming it) and
    ``POST /_emulator/reset``: what every emulator's control API has."""
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def faults(request: Request) -> JSONResponse:
        try:
            set_faults(await request.json())
        except (ValueError, TypeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"ok": True})

    async def clear(_: Request) -> JSONResponse:
        reset()
        return JSONResponse({"ok": True})

    return [Route("/_emulator/faults", faults, methods=["POST"]), Route("/_emulator/reset", clear, methods=["POST"])]


def control_routes(state: EmulatorState) -> list[Any]:
    """Starlette routes for ``GET /_emulator/creations`` and ``GET /_emulator/resources`` (what was created, and
    what each resource holds now), beside ``fault_routes``. Creations are stored masked already."""
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def creations(_: Request) -> JSONResponse:
        items = state.creations.snapshot()
        return JSONResponse({"count": len(items), "items": items})

    async def resources(_: Request) -> JSONResponse:
        items = state.resources.snapshot()
        return JSONResponse({"count": len(items), "items": items})

    return [
        Route("/_emulator/creations", creations, methods=["GET"]),
        Route("/_emulator/resources", resources, methods=["GET"]),
        *fault_and_reset_routes(lambda data: state.faults.add(Fault.from_json(data)), state.reset),
    ]


def as_response(answer: Reply | DropConnection) -> Any:
    """The Starlette response (an ASGI app) sending ``answer``."""
    if isinstance(answer, DropConnection):
        return answer
    from starlette.responses import Response

    return Response(answer.body, status_code=answer.status, headers=answer.headers, media_type=answer.media_type)


def build_app(gateway: Gateway) -> Starlette:
    """A Starlette app: the control routes, then every other request through ``handle``."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    async def endpoint(request: Request) -> Any:
        return as_response(await handle(gateway, await Call.receive(request, gateway.new_request_id())))

    app = Starlette(
        routes=[
            *control_routes(gateway.state),
            Route("/{path:path}", endpoint, methods=HTTP_METHODS),
        ]
    )

    # A path the catch-all route cannot match (Starlette's ``path`` convertor stops at a decoded newline, e.g. a
    # ``%0A`` in a path parameter) still reaches the gateway, which answers in the cloud's own way.
    async def unrouted(scope: Any, receive: Any, send: Any) -> None:
        from starlette.requests import Request as StarletteRequest
        from starlette.responses import PlainTextResponse

        response = (
            await endpoint(StarletteRequest(scope, receive))
            if scope["type"] == "http"
            else PlainTextResponse("Not Found", status_code=404)
        )
        await response(scope, receive, send)

    app.router.default = unrouted
    app.state.emulator = gateway.state
    app.state.gateway = gateway
    return app


class running:  # noqa: N801 - used as a context manager: `with running(app) as base_url:`
    """Serve an ASGI app with uvicorn on 127.0.0.1 in a background thread; yields its base URL."""

    def __init__(self, app: Any, port: int = 0) -> None:
        self.app = app
        self.port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> str:
        import uvicorn

        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="critical", lifespan="off", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"emulator did not start on 127.0.0.1:{self.port}")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
