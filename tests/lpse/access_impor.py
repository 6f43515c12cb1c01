from lpse import roles
from tests.access import STAFF, Url
from tests.imports_util import import_rows

# Pasal 4(2): who may add Instansi may also import them.
INSTANSI_EDITORS = {roles.KEPALA_UNIT, roles.SEKRETARIS, roles.SEKRETARIAT, roles.KABID_REGISTRASI}

ACCESS = [
    Url("lpse:instansi-list", STAFF),
    *import_rows("lpse", "instansi", INSTANSI_EDITORS),
]
