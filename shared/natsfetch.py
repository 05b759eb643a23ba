"""nats-py's pull ``fetch`` keeps its documented timeout: ``nats.errors.TimeoutError``, always.

nats-py 2.15 and 2.16 (``_fetch_n``, a fetch of more than one message) raise a bare
``asyncio.TimeoutError`` when the answer to the first, no-wait request comes only at the end of
the timeout: on an idle stream, a late status left by the previous fetch's request, or an event
loop kept busy for longer than the timeout; see nats-io/nats.py#1008 (and #986).  FastStream's
pull loop expects ``nats.errors.TimeoutError`` there (an empty poll, not a failure), so the bare
one reached its task supervisor, which logged "Task-NN raised an exception, retrying..." at
ERROR with a traceback and restarted the loop: a healthy, idle consumer looked broken.

``install`` wraps ``PullSubscription.fetch`` so that any timeout of a fetch is the documented
one.  It changes nothing on versions that already raise it, and nothing but the exception's
class on the affected ones.
"""

from __future__ import annotations

import functools
from typing import Any

import nats.errors
from nats.js.client import JetStreamContext

_MARK = "_readoutwatch_timeout_contract"


def install() -> None:
    """Make ``PullSubscription.fetch`` raise only ``nats.errors.TimeoutError`` on a timeout."""
    cls = JetStreamContext.PullSubscription
    original = cls.fetch
    if getattr(original, _MARK, False):
        return

    @functools.wraps(original)
    async def fetch(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return await original(self, *args, **kwargs)
        except nats.errors.TimeoutError:
            raise
        except TimeoutError as exc:  # the bare asyncio.TimeoutError of nats-py 2.15-2.16
            raise nats.errors.TimeoutError from exc

    setattr(fetch, _MARK, True)
    cls.fetch = fetch  # type: ignore[method-assign]
