from tests.exports.conftest import coordinator, fn, ks, officer, programme, sn  # noqa: F401
