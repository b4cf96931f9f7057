"""``BatchQueue``: a bounded ``queue.Queue`` whose consumer takes many items per lock.

The sender thread takes a whole batch under one hold of the queue's lock instead of one
``get()`` per record. Each ``get()`` is a chance to meet the logging thread on the lock, and
under the GIL every such meeting can cost the sender a switch interval (5 ms): taking 500
records one by one made delivery several times slower than the network and gzip need.
"""

import queue


class BatchQueue(queue.Queue):
    """A ``queue.Queue`` of ``(level, line)`` items with :meth:`get_batch`; producers use ``put_nowait`` as usual."""

    def nearly_full(self):
        """Whether the queue looked full a moment ago: read without the lock, so only a hint (``put_nowait`` decides)."""
        return len(self.queue) >= self.maxsize

    def get_batch(self, max_items, max_bytes, timeout):
        """Waits up to ``timeout`` seconds (0: not at all) for an item, then takes items until ``max_items`` or
        ``max_bytes`` (of the lines) is reached or the queue is empty. Returns the list, possibly empty.

        Each item taken still needs its ``task_done()``, as with ``get()``.
        """
        with self.not_empty:
            if not self._qsize() and timeout > 0:
                self.not_empty.wait(timeout)
            items = []
            size = 0
            while self._qsize() and len(items) < max_items and size < max_bytes:
                item = self._get()
                items.append(item)
                size += len(item[1])
            if items:
                self.not_full.notify(len(items))
            return items

    def tasks_done(self, count):
        """``task_done()`` for ``count`` items at once, under one hold of the lock."""
        if count <= 0:
            return
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - count
            if unfinished < 0:
                raise ValueError("BUG: tasks_done(%d) called for more items than were put (%d unfinished)"
                                 % (count, self.unfinished_tasks))
            if unfinished == 0:
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished
