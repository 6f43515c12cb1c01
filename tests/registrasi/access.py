from lpse import roles
from tests.access import Url

ALLOWED = {r for r in roles.STAFF_ROLES if "lpse.akses_registrasi" in roles.all_role_permissions()[r]}

ACCESS = [
    Url("registrasi:index", ALLOWED),
]
