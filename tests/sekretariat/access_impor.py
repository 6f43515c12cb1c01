from tests.imports_util import import_rows

from .access import KEPEGAWAIAN

ACCESS = [*import_rows("sekretariat", "pegawai", KEPEGAWAIAN)]
