from lpse import roles
from tests.access import Url

ALLOWED = {r for r in roles.STAFF_ROLES if "lpse.akses_layanan" in roles.all_role_permissions()[r]}

ACCESS = [
    Url("layanan:index", ALLOWED),
]
