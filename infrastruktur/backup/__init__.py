"""Backup SOP (Perbup Karo 02/2017 Pasal 12(2)f and 18): sources, runs, verification,
retention, portable media and restore."""
