"""Indonesian formats for the portal: the month is written out in full
("26 November 2026"), as in official letters; the rest is Django's id locale
(1.234.567; 16.30)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H.i"
