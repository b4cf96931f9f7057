"""BatchQueue: many items per lock hold, bounded by count and bytes; tasks_done for many at once."""

import queue
import threading
import unittest

from corral_logging.batch_queue import BatchQueue


class BatchQueueTest(unittest.TestCase):
    def test_a_batch_stops_at_max_items_or_max_bytes(self):
        q = BatchQueue(10)
        for n in range(6):
            q.put_nowait(("INFO", "x" * 10))
        self.assertEqual(len(q.get_batch(4, 1000, 0)), 4)
        self.assertEqual(len(q.get_batch(10, 15, 0)), 2, "stops once 15 bytes are reached (10 + 10)")
        self.assertEqual(q.get_batch(10, 1000, 0), [])

    def test_the_bound_holds_and_taking_a_batch_frees_room(self):
        q = BatchQueue(3)
        for n in range(3):
            q.put_nowait(("INFO", str(n)))
        self.assertTrue(q.nearly_full())
        with self.assertRaises(queue.Full):
            q.put_nowait(("INFO", "3"))
        self.assertEqual([line for _, line in q.get_batch(2, 1000, 0)], ["0", "1"])
        q.put_nowait(("INFO", "3"))
        self.assertEqual([line for _, line in q.get_batch(10, 1000, 0)], ["2", "3"])

    def test_get_batch_waits_for_the_first_item(self):
        q = BatchQueue(3)
        threading.Timer(0.05, q.put_nowait, [("INFO", "late")]).start()
        self.assertEqual(q.get_batch(10, 1000, 30), [("INFO", "late")])

    def test_tasks_done_releases_join_once_every_item_is_done(self):
        q = BatchQueue(5)
        for n in range(4):
            q.put_nowait(("INFO", str(n)))
        q.tasks_done(3)
        self.assertEqual(q.unfinished_tasks, 1)
        q.tasks_done(1)
        q.join()  # returns at once: nothing unfinished
        with self.assertRaises(ValueError):
            q.tasks_done(1)


if __name__ == "__main__":
    unittest.main()
