"""Group commit of votes in each server process.

Sockets hand their votes to the process's writer and wait for the answer. While one batch is
being written, new votes queue up; when it commits, the next batch takes all of them. At low
traffic a vote is written alone at once; at a thousand votes per second one transaction (one
fsync) carries dozens of them. The ack is sent only after the commit: an acked vote is stored.
"""

import asyncio
import weakref

from .services.ballots import MAX_BATCH, BallotRequest, ballots_cast
from .threads import run_sync


class BallotWriter:
    def __init__(self):
        self.queue: list[tuple[BallotRequest, asyncio.Future]] = []
        self.flushing = False

    async def submit(self, request: BallotRequest):
        """The Cast, or the DomainError that refused the vote."""
        future = asyncio.get_running_loop().create_future()
        self.queue.append((request, future))
        if not self.flushing:
            self.flushing = True
            asyncio.ensure_future(self._flush())
        return await future

    async def _flush(self) -> None:
        try:
            while self.queue:
                batch, self.queue = self.queue[:MAX_BATCH], self.queue[MAX_BATCH:]
                try:
                    results = await run_sync(ballots_cast)([request for request, _future in batch])
                except Exception as error:  # the database is unreachable: every vote of the batch fails
                    results = [error] * len(batch)
                for (_request, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
        finally:
            self.flushing = False


_writers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, BallotWriter]" = weakref.WeakKeyDictionary()


def get_writer() -> BallotWriter:
    loop = asyncio.get_running_loop()
    writer = _writers.get(loop)
    if writer is None:
        writer = _writers[loop] = BallotWriter()
    return writer
