"""Signals of the asset register for the apps that build on it (``backup``, ``monitoring``)."""

from django.dispatch import Signal

# Sent by services.aset.aset_save (also for each imported row) after an asset was written; kwargs: ``aset``.
aset_saved = Signal()
