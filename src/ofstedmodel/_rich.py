"""The notebook display hook, as a base class (internal).

A class that derives from :class:`RichDisplay` shows in Jupyter as the HTML of
:func:`ofstedmodel.display.to_html`, imported only when a notebook asks for it.
"""

from __future__ import annotations


class RichDisplay:
    """Gives ``_repr_html_``: Jupyter's hook for an object's rich display."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The notebook display: :func:`ofstedmodel.display.to_html`."""
        from .display import to_html

        return to_html(self)
