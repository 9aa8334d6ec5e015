"""Group commit of votes in each server process.

Sockets hand their votes to the process's writer and wait for the answer. While one batch is
being written, new votes queue up; when it commits, the next batch takes all of them. At low
traffic a vote is written alone at once; at a thousand votes per second one transaction (one
fsync) carries dozens of them. The ack is sent only after the commit: an acked vote is stored.

One vote must never fail the others: ballots_cast refuses malformed requests before the batch,
and if a batch still fails (a bug, a value the database refuses), its votes are written again one
by one, so only the vote that fails gets an error.

A refusal is written in the voter's language: each vote carries the language active in its
socket (consumers.py activates the phone's), and a batch is written in one group per language.
"""

import asyncio
import logging
import weakref
from itertools import groupby

from django.utils import translation

from .services.ballots import MAX_BATCH, BallotRequest, ballots_cast
from .threads import run_sync

logger = logging.getLogger(__name__)


class BallotWriter:
    def __init__(self):
        self.queue: list[tuple[BallotRequest, asyncio.Future, str | None]] = []
        self.flushing = False

    async def submit(self, request: BallotRequest):
        """The Cast, or the DomainError that refused the vote."""
        future = asyncio.get_running_loop().create_future()
        self.queue.append((request, future, translation.get_language()))
        if not self.flushing:
            self.flushing = True
            asyncio.ensure_future(self._flush())
        return await future

    async def _flush(self) -> None:
        try:
            while self.queue:
                batch, self.queue = self.queue[:MAX_BATCH], self.queue[MAX_BATCH:]
                batch.sort(key=lambda item: item[2] or "")  # stable: each language keeps its order
                for language, group in groupby(batch, key=lambda item: item[2]):
                    await self._write([(request, future) for request, future, _language in group], language)
        finally:
            self.flushing = False

    async def _write(self, batch: list[tuple[BallotRequest, asyncio.Future]], language: str | None) -> None:
        requests = [request for request, _future in batch]
        try:
            results = await run_sync(cast_in)(requests, language)
        except Exception as error:
            if len(requests) == 1:
                logger.exception("a vote failed")
                results = [error]
            else:
                logger.warning("a batch of %d votes failed: writing them one by one", len(requests), exc_info=True)
                results = await run_sync(cast_one_by_one)(requests, language)
        for (_request, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)


def cast_in(requests: list[BallotRequest], language: str | None) -> list:
    with translation.override(language):
        return ballots_cast(requests)


def cast_one_by_one(requests: list[BallotRequest], language: str | None = None) -> list:
    """Each vote in its own transaction: the Cast, the refusal, or the exception of that vote alone
    (the database unreachable: every one fails, each with its own error)."""
    results = []
    for request in requests:
        try:
            results.append(cast_in([request], language)[0])
        except Exception as error:
            logger.exception("a vote failed")
            results.append(error)
    return results


_writers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, BallotWriter]" = weakref.WeakKeyDictionary()


def get_writer() -> BallotWriter:
    loop = asyncio.get_running_loop()
    writer = _writers.get(loop)
    if writer is None:
        writer = _writers[loop] = BallotWriter()
    return writer
