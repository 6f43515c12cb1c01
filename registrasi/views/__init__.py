"""Views of Bidang Registrasi dan Verifikasi: the public registration pages
and the staff verification pages (Pasal 10 and 13), one module per sub-domain."""
