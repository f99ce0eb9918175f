"""Known signatures of sample callbacks, shared by the callback tests.

The hash vectors were computed outside Python, with coreutils and gzip:

    printf %s '12345:79161234567:1:Secr3t-key_01' | md5sum
    printf %s '12345:79161234567:1:Secr3t-key_01' | sha1sum
    printf %s '12345:79161234567:1:Secr3t-key_01' | gzip -c | tail -c8 | head -c4 | od -An -tu4
    printf %s '42:79161234567:Привет:abc' | iconv -t CP1251 | md5sum   (and KOI8-R, UTF-8)
"""

from __future__ import annotations

from smsc_desktop.services.callbacks import Algorithm, Charset

STATUS_VALUES = {"id": "12345", "phone": "79161234567", "status": "1"}
STATUS_SECRET = "Secr3t-key_01"
STATUS_VECTORS = {
    Algorithm.MD5: "769bbe1a2bf90ea14180460937030c1b",
    Algorithm.SHA1: "c0bbea43e179f4348dcf4527a2be91dea97284fb",
    Algorithm.CRC32: "1687037080",
}
INCOMING_VALUES = {"id": "42", "phone": "79161234567", "mes": "Привет"}
INCOMING_VECTORS = {
    Charset.WINDOWS_1251: {
        Algorithm.MD5: "1f0427e1b137741653b4e27e67c0dbb7",
        Algorithm.SHA1: "c56fb81253f81d32dd79a2319b1104f44e508ee4",
        Algorithm.CRC32: "1856911801",
    },
    Charset.KOI8_R: {
        Algorithm.MD5: "27fef6e2373202441c176097f435c83f",
        Algorithm.SHA1: "ae2dcee3fc0acda178090337a8600c31d81b71f7",
        Algorithm.CRC32: "3724246406",
    },
    Charset.UTF_8: {
        Algorithm.MD5: "3312e7de5173d9f0c9228bfa8402a144",
        Algorithm.SHA1: "86c9a6e1ca4cdb02d305ee3d4f918884b1be5dd1",
        Algorithm.CRC32: "1959727421",
    },
}
WAITCALL_VECTORS = {
    Algorithm.MD5: "ebbdbf5106bd53fe5243c022e27b4654",
    Algorithm.SHA1: "17aa04404de1a0210cb1beced8d30a8e1fc22b48",
    Algorithm.CRC32: "4244262527",
}
