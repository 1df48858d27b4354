"""Ownership of C handles, and iteration over cursor-paged listings.

A :class:`Handle` owns one pointer and releases it with the matching C
``_free`` exactly once: on ``close()``, when the object is garbage
collected, or at interpreter exit, whichever comes first. The release is a
``weakref.finalize`` holding only the pointer, the free function and the
objects C still needs (never the Python object itself), so it works at
interpreter shutdown when module globals are already gone, and reference
cycles through user callbacks cannot keep a handle open forever.

A handle borrowed from a container (a partner on a page) holds a reference
to the container's Handle instead, keeping it alive as long as needed.
"""
import ctypes
import weakref


def _release(free_fn, ptr, _keep):
    free_fn(ptr)


class Handle:
    """Owns ``ptr`` (released with ``free_fn``) or borrows it from ``owner``.

    ``keep`` lists objects C uses while the handle lives (callbacks, a
    storage backend); they are released only after ``free_fn`` ran.
    """

    __slots__ = ("_ptr", "_owner", "_finalizer", "__weakref__")

    def __init__(self, ptr, free_fn=None, owner=None, keep=()):
        if not ptr:
            raise ValueError("NULL handle")
        self._ptr = ptr
        self._owner = owner
        self._finalizer = weakref.finalize(self, _release, free_fn, ptr, tuple(keep)) if free_fn else None

    @property
    def ptr(self):
        """The C pointer; ValueError once closed."""
        if self._ptr is None:
            raise ValueError("%s is closed" % type(self).__name__)
        return self._ptr

    @property
    def closed(self):
        return self._ptr is None

    def close(self):
        """Releases the C handle now. Idempotent; borrowed handles just
        drop their reference to the owner."""
        self._ptr = None
        self._owner = None
        if self._finalizer is not None:
            self._finalizer()


def paginate(list_fn, page_free, page_count, page_get, page_cursor, net_ptr_fn, query, page_type, wrap,
             limit=None):
    """Yields ``wrap(item_ptr, page_handle)`` for every item of a cursor-paged
    listing, fetching the next page only when the previous one is used up.

    ``query`` is the C query struct (its ``cursor`` member is advanced);
    ``net_ptr_fn()`` returns the network pointer at each page so a network
    closed during iteration raises instead of dangling.
    """
    yielded = 0
    while True:
        out = page_type()
        list_fn(ctypes.byref(out), net_ptr_fn(), ctypes.byref(query))
        page = Handle(out, page_free)
        try:
            n = page_count(out)
            for i in range(n):
                if limit is not None and yielded >= limit:
                    return
                yield wrap(page_get(out, i), page)
                yielded += 1
            cursor = page_cursor(out)
        finally:
            # Items still referenced keep the page alive through their owner link.
            page = None
        if not cursor or (limit is not None and yielded >= limit):
            return
        query.cursor = cursor  # copied bytes: the page may be freed now
