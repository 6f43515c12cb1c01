from tests.imports_util import import_rows

from .access import ALLOWED

ACCESS = [*import_rows("layanan", "faq", ALLOWED), *import_rows("layanan", "pelatihan", ALLOWED)]
