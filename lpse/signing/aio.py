"""pyHanko's synchronous calls run ``asyncio.run`` inside; that fails in a thread that already
runs an event loop (an async caller, Playwright's sync API in the browser tests). These
helpers give such a call a thread of its own there, and call it directly everywhere else."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def call_sync(fn, /, *args, **kwargs):
    """``fn(*args, **kwargs)``, in a thread of its own when this thread runs an event loop."""
    if not _loop_running():
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def run_coroutine(coro):
    """``asyncio.run(coro)``, in a thread of its own when this thread runs an event loop."""
    return call_sync(asyncio.run, coro)
