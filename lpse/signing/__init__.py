"""Electronic signatures (PAdES, pyHanko) on the portal's official documents.

``backends``: where keys live; ``service``: certificate checks, signing and
the signers-in-turn workflow; ``validation``: what the verification page
says; ``trust``: trust roots and revocation data; ``ca``: demo/test CAs.
"""
