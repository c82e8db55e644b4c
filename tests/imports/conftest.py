# The export tests' programme, which fills every column.
from tests.exports.conftest import programme  # noqa: F401
