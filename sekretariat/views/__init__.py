"""Pages of the Sekretariat and the Kepala Unit (Pasal 7, 8, 19, 21, 22, 24(1)c), one module per sub-domain."""
