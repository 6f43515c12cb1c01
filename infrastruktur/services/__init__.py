"""Business logic of the bidang: one module per area (see STYLE.md)."""
