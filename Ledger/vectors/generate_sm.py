#!/usr/bin/env python3
"""Independent known answers for the national hash suite (sm3-sm2).

Writes sm.json next to this file:

  sm3             GB/T 32905-2016 SM3: the standard's two examples, plus
                  messages at every padding boundary
  sm3_merkle      RFC 9162 leaf hashes, node hashes, roots and proofs with
                  SM3 in place of SHA-256, over the 8 test leaves of
                  merkle.json, and the roots and proofs of its generated
                  leaves ("0" ... "69")
  sm2             GB/T 32918 SM2 with SM3 and the default distinguishing id
                  "1234567812345678": the curve, the published example of
                  GB/T 32918.5-2017 Annex A, test keys, signatures that
                  verify and signatures that must not, invalid keys, and the
                  DER <-> r||s encodings
  sm2_note        a C2SP signed note (tlog-checkpoint) signed with SM2, with
                  the signature type of Ledger/SPEC.md §14.1
  sm3_chain       chain.json's eight entries as an sm3-sm2 ledger writes
                  them: genesis names the suite and an SM2 verifier key,
                  every leaf hash and prev is SM3, and the checkpoint at size
                  8 is signed with SM2

Run:   python3 Ledger/vectors/generate_sm.py
Needs: Python 3.9+, the `gmssl` package (pure-Python SM3 and SM2 arithmetic;
       it needs `pycryptodomex`), the `cryptography` package (imported by
       generate.py, whose Merkle functions are reused), and the `openssl`
       command of OpenSSL 3 (an independent second implementation: every
       SM3 digest, every public key, every verdict is checked with it).

Independence: SM3 is computed twice, by gmssl's pure-Python code and by
OpenSSL (hashlib), and the two must agree. SM2 signatures are made here from
gmssl's curve arithmetic with the Z value and message digest assembled by
this script (GB/T 32918.2 §5.5, §6.1), and every one of them, and every
negative case that has a DER form, is put to `openssl pkeyutl -verify`.
Public keys are derived here and by `openssl pkey`, and must agree. The
published example is reproduced byte for byte (Z, e, r and s) before
anything is written.

Deterministic: the nonces k are derived from fixed strings, so running the
script again rewrites an identical file. (Fixed nonces are for test vectors
only; a signer must never choose k this way.)
"""

import base64
import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from gmssl import sm2 as gmssl_sm2
from gmssl import sm3 as gmssl_sm3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the SHA-256 generator: its Merkle functions and JSON writer)

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# SM3 (GB/T 32905-2016)
# ---------------------------------------------------------------------------

GBT32905 = "GB/T 32905-2016 (SM3) Appendix A"
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
SM3_ABCD16 = "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def sm3(data):
    """SM3 by two implementations that must agree: gmssl (pure Python) and
    OpenSSL (through hashlib)."""
    a = bytes.fromhex(gmssl_sm3.sm3_hash(list(data)))
    b = hashlib.new("sm3", data).digest()
    assert a == b, (data.hex(), a.hex(), b.hex())
    return a


def check_sm3_published():
    assert sm3(b"abc").hex() == SM3_ABC
    assert sm3(b"abcd" * 16).hex() == SM3_ABCD16
    # The command-line tool too, as a third opinion on the published answers.
    out = subprocess.run(["openssl", "dgst", "-sm3", "-r"], input=b"abc", capture_output=True, check=True).stdout
    assert out.decode().split()[0] == SM3_ABC


def build_sm3():
    check_sm3_published()
    cases = [
        {"name": "gbt32905_a1_abc", "message_hex": b"abc".hex(), "digest": SM3_ABC,
         "source": GBT32905 + " example 1: the 24-bit message \"abc\""},
        {"name": "gbt32905_a2_abcd_x16", "message_hex": (b"abcd" * 16).hex(), "digest": SM3_ABCD16,
         "source": GBT32905 + " example 2: the 512-bit message \"abcd\" repeated 16 times"},
    ]
    # Padding boundaries: a message of 55 bytes still fits its length in one
    # block, 56 needs a second; 64 is exactly one block; and a few longer.
    for n in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000]:
        m = bytes((i * 7 + 3) % 256 for i in range(n))
        cases.append({"name": "generated_%d_bytes" % n, "message_hex": m.hex(), "digest": sm3(m).hex(),
                      "source": "computed: gmssl and OpenSSL agree; byte i is (7i + 3) mod 256"})
    return {
        "source": "SM3 (GB/T 32905-2016, ISO/IEC 10118-3:2018). The two gbt32905 cases are the standard's "
        "published answers, asserted by generate_sm.py; the others are computed by two implementations that agree.",
        "cases": cases,
    }


# ---------------------------------------------------------------------------
# RFC 9162 trees with SM3
# ---------------------------------------------------------------------------


@contextlib.contextmanager
def tree_hash(hash_function):
    """Runs generate.py's RFC 9162 functions (mth, inclusion_path, ...) with
    another hash. Those functions reproduce the published Certificate
    Transparency answers with SHA-256 (generate.py asserts them), so only the
    hash changes here, not the tree code."""
    saved = (generate.sha256, generate.leaf_hash, generate.node_hash)
    generate.sha256 = hash_function
    generate.leaf_hash = lambda data: hash_function(b"\x00" + data)
    generate.node_hash = lambda left, right: hash_function(b"\x01" + left + right)
    try:
        yield
    finally:
        generate.sha256, generate.leaf_hash, generate.node_hash = saved


def build_sm3_merkle():
    leaves = [bytes.fromhex(h) for h in generate.CT_LEAVES_HEX]
    # The swap itself is checked: with SHA-256 swapped in, the published CT roots come back.
    with tree_hash(generate.sha256):
        hashes = [generate.leaf_hash(x) for x in leaves]
        assert [generate.mth(hashes[:n]).hex() for n in range(9)] == generate.PUBLISHED_ROOTS

    with tree_hash(sm3):
        leaf_hashes = [generate.leaf_hash(x) for x in leaves]
        for x, h in zip(leaves, leaf_hashes):
            assert h == sm3(b"\x00" + x)
        roots = []
        for n in range(0, 9):
            r = generate.mth(leaf_hashes[:n])
            assert r == generate.mth_iterative(leaf_hashes[:n])
            roots.append({"size": n, "root": r.hex(), "root_base64": base64.b64encode(r).decode("ascii")})
        assert roots[0]["root"] == sm3(b"").hex()
        inclusion = []
        for n in range(1, 9):
            root = generate.mth(leaf_hashes[:n])
            for i in range(n):
                path = generate.inclusion_path(i, leaf_hashes[:n])
                assert generate.verify_inclusion(i, n, leaf_hashes[i], path, root)
                inclusion.append({"leaf_index": i, "tree_size": n, "leaf_hash": leaf_hashes[i].hex(),
                                  "root": root.hex(), "path": [p.hex() for p in path]})
        consistency = []
        for m in range(1, 9):
            for n in range(m, 9):
                first, second = generate.mth(leaf_hashes[:m]), generate.mth(leaf_hashes[:n])
                proof = generate.consistency_proof(m, leaf_hashes[:n])
                assert generate.verify_consistency(m, n, first, second, proof)
                consistency.append({"first_size": m, "second_size": n, "first_root": first.hex(),
                                    "second_root": second.hex(), "proof": [p.hex() for p in proof]})
        node = {"left": leaf_hashes[0].hex(), "right": leaf_hashes[1].hex(),
                "hash": generate.node_hash(leaf_hashes[0], leaf_hashes[1]).hex()}
        assert node["hash"] == roots[2]["root"]
        generated = build_sm3_generated_leaves()
    return {
        "source": "RFC 9162 §2.1 with SM3 in place of SHA-256: leaf hash = SM3(0x00 || data), node hash = "
        "SM3(0x01 || left || right), MTH({}) = SM3(\"\"). The leaves are merkle.json's rfc6962_test_leaves. "
        "No published answers exist; the tree code is generate.py's (which reproduces the published SHA-256 "
        "answers, re-checked here), two MTH implementations agree, every proof verifies with RFC 9162 "
        "§2.1.3.2 / §2.1.4.2, and SM3 itself is computed by two implementations that agree.",
        "leaves_hex": generate.CT_LEAVES_HEX,
        "leaf_hashes": [h.hex() for h in leaf_hashes],
        "node_hash_example": node,
        "roots": roots,
        "inclusion_proofs": inclusion,
        "consistency_proofs": consistency,
        "generated_leaves": generated,
    }


# merkle.json's generated_leaves: the sizes and positions generate.py uses.
GENERATED_INCLUSION = [(70, 0), (70, 37), (70, 63), (70, 64), (70, 69), (65, 64), (64, 63), (33, 32)]
GENERATED_CONSISTENCY = [(1, 70), (7, 70), (32, 70), (64, 70), (69, 70), (33, 65), (63, 64), (70, 70)]


def build_sm3_generated_leaves():
    """merkle.json's generated leaves ("0" ... "69") under SM3. Called inside
    tree_hash(sm3)."""
    leaves = [str(i).encode("ascii") for i in range(70)]
    lh = [generate.leaf_hash(x) for x in leaves]
    roots = []
    for n in range(0, 71):
        r = generate.mth(lh[:n])
        assert r == generate.mth_iterative(lh[:n])
        roots.append({"size": n, "root": r.hex()})
    assert roots[0]["root"] == sm3(b"").hex()
    inclusion = []
    for size, index in GENERATED_INCLUSION:
        root = generate.mth(lh[:size])
        path = generate.inclusion_path(index, lh[:size])
        assert generate.verify_inclusion(index, size, lh[index], path, root)
        inclusion.append({"leaf_index": index, "tree_size": size, "leaf_hash": lh[index].hex(),
                          "root": root.hex(), "path": [p.hex() for p in path]})
    consistency = []
    for first, second in GENERATED_CONSISTENCY:
        proof = generate.consistency_proof(first, lh[:second])
        r1, r2 = generate.mth(lh[:first]), generate.mth(lh[:second])
        assert generate.verify_consistency(first, second, r1, r2, proof)
        consistency.append({"first_size": first, "second_size": second, "first_root": r1.hex(),
                            "second_root": r2.hex(), "proof": [p.hex() for p in proof]})
    return {
        "source": "merkle.json's generated_leaves with SM3 in place of SHA-256: leaf i is the ASCII decimal of i "
        "(\"0\" ... \"69\"), roots[n] is the root over leaves 0..n-1, and the proofs are at the sizes and "
        "positions of merkle.json's. No published answers; two MTH implementations agree and every proof verifies.",
        "roots": roots,
        "inclusion_proofs": inclusion,
        "consistency_proofs": consistency,
    }


# ---------------------------------------------------------------------------
# SM2 (GB/T 32918.1, .2, .5)
# ---------------------------------------------------------------------------

CURVE = {k: int(v, 16) for k, v in gmssl_sm2.default_ecc_table.items() if k != "g"}
CURVE["gx"] = int(gmssl_sm2.default_ecc_table["g"][:64], 16)
CURVE["gy"] = int(gmssl_sm2.default_ecc_table["g"][64:], 16)
P, A, B, N, GX, GY = CURVE["p"], CURVE["a"], CURVE["b"], CURVE["n"], CURVE["gx"], CURVE["gy"]

# GB/T 32918.5-2017 §3 recommended curve parameters, typed from the standard
# (independently of gmssl's table, which they must equal).
RECOMMENDED = {
    "p": "fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff",
    "a": "fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc",
    "b": "28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93",
    "n": "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123",
    "gx": "32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7",
    "gy": "bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0",
}
DEFAULT_ID = b"1234567812345678"
GBT32918 = "GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 Annex A.2), also in OpenSSL test/sm2_internal_test.c"
# The published signature example on the recommended curve.
EXAMPLE = {
    "private_key": "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8",
    "public_key": "04" "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
                  "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13",
    "message": b"message digest",
    "id": DEFAULT_ID,
    "k": "59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21",
    "z": "b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3",
    "e": "f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640",
    "r": "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3",
    "s": "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa",
}


def i2b(x, n=32):
    return x.to_bytes(n, "big")


def on_curve(x, y):
    return x < P and y < P and (y * y - (x * x * x + A * x + B)) % P == 0


def gm(private_hex="", public65=None):
    """A gmssl context. Its constructor strips *every* leading '0' and '4'
    from a public key that starts with "04" (str.lstrip), which truncates
    keys whose x begins with those digits; the key is set afterwards instead."""
    ctx = gmssl_sm2.CryptSM2(private_key=private_hex, public_key="")
    if public65 is not None:
        assert len(public65) == 65 and public65[0] == 4
        ctx.public_key = public65[1:].hex()
    return ctx


def public_key(d):
    """d·G by gmssl's arithmetic, as 04 || x || y."""
    xy = gm()._kg(d, gmssl_sm2.default_ecc_table["g"])
    pub = b"\x04" + bytes.fromhex(xy)
    assert on_curve(int.from_bytes(pub[1:33], "big"), int.from_bytes(pub[33:], "big"))
    return pub


def z_value(public65, uid):
    """Z_A = SM3(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A), GB/T 32918.2 §5.5."""
    entl = (len(uid) * 8).to_bytes(2, "big")
    return sm3(entl + uid + i2b(A) + i2b(B) + i2b(GX) + i2b(GY) + public65[1:])


def message_digest(public65, message, uid=DEFAULT_ID):
    """e = SM3(Z_A || M), GB/T 32918.2 §6.1 steps A1-A2."""
    return sm3(z_value(public65, uid) + message)


def sign_digest(d, e, k):
    """Steps A3-A7 of §6.1 with a given k, by gmssl's arithmetic."""
    out = gm("%064x" % d).sign(e, "%064x" % k)
    assert out is not None, "k gave r = 0, r + k = n or s = 0: choose another"
    return bytes.fromhex(out)


def verify_raw(public65, message, sig, uid=DEFAULT_ID, e=None):
    """§7.1: B1-B2 (r, s in [1, n-1]) here, B3-B7 by gmssl (which rejects t = 0)."""
    if len(sig) != 64 or len(public65) != 65 or public65[0] != 4:
        return False
    if not on_curve(int.from_bytes(public65[1:33], "big"), int.from_bytes(public65[33:], "big")):
        return False
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    if not (1 <= r < N and 1 <= s < N):
        return False
    if e is None:
        e = message_digest(public65, message, uid)
    return gm(public65=public65).verify(sig.hex(), e) is True


def nonce(label):
    """A fixed k in [1, n-1] for test vectors (never for real signatures)."""
    return int.from_bytes(sm3(b"jiazhou sm2 test nonce " + label.encode()), "big") % (N - 1) + 1


def scalar(label):
    """A fixed private key d in [1, n-2]."""
    return int.from_bytes(sm3(b"jiazhou sm2 test key " + label.encode()), "big") % (N - 2) + 1


def sign(d, message, label, uid=DEFAULT_ID):
    return sign_digest(d, message_digest(public_key(d), message, uid), nonce(label))


# ---- DER (X.690), written out here only to hand test data to openssl ------


def der_length(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, value):
    return bytes([tag]) + der_length(len(value)) + value


def der_integer(x):
    """A non-negative INTEGER in its shortest form (a leading 00 only when the top bit is set)."""
    body = x.to_bytes(max(1, (x.bit_length() + 8) // 8), "big")
    return tlv(0x02, body)


def der_signature(sig):
    return tlv(0x30, der_integer(int.from_bytes(sig[:32], "big")) + der_integer(int.from_bytes(sig[32:], "big")))


OID_EC_PUBLIC_KEY = bytes.fromhex("06072a8648ce3d0201")  # 1.2.840.10045.2.1
OID_SM2_CURVE = bytes.fromhex("06082a811ccf5501822d")  # 1.2.156.10197.1.301
OID_SM2_WITH_SM3 = bytes.fromhex("06082a811ccf55018375")  # 1.2.156.10197.1.501


def spki(public65):
    return tlv(0x30, tlv(0x30, OID_EC_PUBLIC_KEY + OID_SM2_CURVE) + tlv(0x03, b"\x00" + public65))


def sec1_private(d):
    """RFC 5915 ECPrivateKey without the optional public key: openssl derives it."""
    return tlv(0x30, der_integer(1) + tlv(0x04, i2b(d)) + tlv(0xA0, OID_SM2_CURVE))


# ---- the openssl command, as a second implementation ----------------------


class OpenSSL:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="jiazhou-sm-")
        self.count = 0

    def path(self, name, data):
        self.count += 1
        p = os.path.join(self.dir, "%d-%s" % (self.count, name))
        with open(p, "wb") as f:
            f.write(data)
        return p

    def public_key(self, d):
        """openssl's own d·G: the SPKI it writes ends with the 65-byte point."""
        out = subprocess.run(["openssl", "pkey", "-inform", "DER", "-in", self.path("key.der", sec1_private(d)),
                              "-pubout", "-outform", "DER"], capture_output=True, check=True).stdout
        assert out.startswith(spki(b"\x04" + bytes(64))[:-65]), out.hex()
        return out[-65:]

    def verifies(self, public65, message, der, uid=DEFAULT_ID):
        r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER",
                            "-inkey", self.path("pub.der", spki(public65)), "-rawin", "-digest", "sm3",
                            "-pkeyopt", "distid:" + uid.decode("ascii"),
                            "-in", self.path("msg", message), "-sigfile", self.path("sig.der", der)],
                           capture_output=True)
        # Only a completed check counts: a key or file openssl could not read
        # must not pass for a refused signature.
        verdict = r.stdout.decode().strip()
        assert verdict in ("Signature Verified Successfully", "Signature Verification Failure"), (verdict, r.stderr)
        return r.returncode == 0 and verdict == "Signature Verified Successfully"

    def accepts_public_key(self, data):
        r = subprocess.run(["openssl", "pkey", "-pubin", "-inform", "DER", "-in", self.path("pub.der", spki(data)),
                            "-pubcheck", "-noout"], capture_output=True)
        return r.returncode == 0

    def sign(self, d, message, uid=DEFAULT_ID):
        """A signature by openssl (random k), as DER."""
        return subprocess.run(["openssl", "pkeyutl", "-sign", "-keyform", "DER",
                               "-inkey", self.path("key.der", sec1_private(d)), "-rawin", "-digest", "sm3",
                               "-pkeyopt", "distid:" + uid.decode("ascii"), "-in", self.path("msg", message)],
                              capture_output=True, check=True).stdout


def parse_der_signature(der):
    """Strict reader for the handful of DER signatures openssl returns."""
    assert der[0] == 0x30 and der[1] == len(der) - 2
    out, i = [], 2
    for _ in range(2):
        assert der[i] == 0x02
        n = der[i + 1]
        body = der[i + 2:i + 2 + n]
        assert body[0] != 0 or (len(body) > 1 and body[1] & 0x80)
        out.append(int.from_bytes(body, "big"))
        i += 2 + n
    assert i == len(der)
    return i2b(out[0]) + i2b(out[1])


# ---------------------------------------------------------------------------


def check_published_example(ssl):
    assert {k: "%064x" % v for k, v in [("p", P), ("a", A), ("b", B), ("n", N), ("gx", GX), ("gy", GY)]} == RECOMMENDED
    d = int(EXAMPLE["private_key"], 16)
    pub = bytes.fromhex(EXAMPLE["public_key"])
    assert public_key(d) == pub
    assert ssl.public_key(d) == pub
    assert z_value(pub, EXAMPLE["id"]).hex() == EXAMPLE["z"]
    e = message_digest(pub, EXAMPLE["message"], EXAMPLE["id"])
    assert e.hex() == EXAMPLE["e"]
    sig = sign_digest(d, e, int(EXAMPLE["k"], 16))
    assert sig.hex() == EXAMPLE["r"] + EXAMPLE["s"]
    assert verify_raw(pub, EXAMPLE["message"], sig)
    assert ssl.verifies(pub, EXAMPLE["message"], der_signature(sig))
    return {
        "source": GBT32918 + ". Reproduced by generate_sm.py byte for byte: the public key from d (here and by "
        "openssl), Z_A, e, and r || s from the published k; and verified by openssl.",
        "private_key": EXAMPLE["private_key"],
        "public_key": EXAMPLE["public_key"],
        "message_utf8": EXAMPLE["message"].decode(),
        "message_hex": EXAMPLE["message"].hex(),
        "id_utf8": EXAMPLE["id"].decode(),
        "k": EXAMPLE["k"],
        "z": EXAMPLE["z"],
        "e": EXAMPLE["e"],
        "signature": sig.hex(),
        "signature_der": der_signature(sig).hex(),
    }


def flip(data, index, mask=0x01):
    b = bytearray(data)
    b[index] ^= mask
    return bytes(b)


def signature_with_short(d, message, which):
    """A signature whose r (or s) is below 2^248, so that its DER INTEGER is
    shorter than 32 bytes and its r || s form starts with a zero byte."""
    for i in range(100000):
        label = "short-%s-%d" % (which, i)
        sig = sign(d, message, label)
        half = sig[:32] if which == "r" else sig[32:]
        if half[0] == 0:
            return sig, label
    raise AssertionError("no short value found")


def build_sm2(ssl):
    example = check_published_example(ssl)
    keys = {}
    for label in ["A", "B"]:
        d = scalar(label)
        pub = public_key(d)
        assert ssl.public_key(d) == pub
        keys[label] = (d, pub)
    (da, pa), (db, pb) = keys["A"], keys["B"]
    body = "jiazhou.example/shizhong\n8\n" + "x" * 43 + "=\n"

    # Openssl signs (random k) and this script verifies: the other direction.
    for m in [b"", b"abc", body.encode()]:
        assert verify_raw(pa, m, parse_der_signature(ssl.sign(da, m)))

    good_specs = [
        ("key_a_empty_message", "A", b"", "good-1"),
        ("key_a_abc", "A", b"abc", "good-2"),
        ("key_a_checkpoint_body", "A", body.encode(), "good-3"),
        ("key_b_chinese_text", "B", "嘉州积分 志愿服务 2 小时".encode(), "good-4"),
        ("key_b_1000_bytes", "B", bytes(i % 251 for i in range(1000)), "good-5"),
    ]
    good = [{"name": "gbt32918_5_annex_a_example", "public_key": example["public_key"],
             "message_hex": example["message_hex"], "signature": example["signature"],
             "signature_der": example["signature_der"], "source": GBT32918}]
    for name, key, m, label in good_specs:
        d, pub = keys[key]
        sig = sign(d, m, label)
        good.append({"name": name, "key": key, "public_key": pub.hex(), "message_hex": m.hex(),
                     "signature": sig.hex(), "signature_der": der_signature(sig).hex()})
    for which in ["r", "s"]:
        sig, label = signature_with_short(da, b"short " + which.encode(), which)
        good.append({"name": "key_a_short_" + which, "key": "A", "public_key": pa.hex(),
                     "message_hex": (b"short " + which.encode()).hex(), "signature": sig.hex(),
                     "signature_der": der_signature(sig).hex(),
                     "why": "%s < 2^248: r || s starts that half with 00, and its DER INTEGER has 31 bytes or fewer" % which})
    for g in good:
        pub, m, sig = bytes.fromhex(g["public_key"]), bytes.fromhex(g["message_hex"]), bytes.fromhex(g["signature"])
        assert verify_raw(pub, m, sig), g["name"]
        assert ssl.verifies(pub, m, der_signature(sig)), g["name"]
        assert der_signature(sig).hex() == g["signature_der"]

    # ---- signatures that must not verify -------------------------------------
    m = b"award 20 points to volunteer:V000001"
    sig = sign(da, m, "bad-base")
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    other_id = b"ALICE123@YAHOO.COM"
    e_without_z = sm3(m)
    bad = [
        ("altered_message", pa, m + b".", sig, "one byte appended to the message after signing"),
        ("altered_message_bit", pa, flip(m, 0), sig, "one bit of the message flipped"),
        ("altered_signature_r_bit", pa, m, flip(sig, 31), "the lowest bit of r flipped"),
        ("altered_signature_s_bit", pa, m, flip(sig, 40, 0x80), "one bit of s flipped"),
        ("wrong_public_key", pb, m, sig, "signed by key A, checked with key B"),
        ("r_and_s_swapped", pa, m, sig[32:] + sig[:32], "s || r instead of r || s"),
        ("r_zero", pa, m, i2b(0) + sig[32:], "r = 0 is outside [1, n-1] (§7.1 B1)"),
        ("s_zero", pa, m, sig[:32] + i2b(0), "s = 0 is outside [1, n-1] (§7.1 B2)"),
        ("r_equals_n", pa, m, i2b(N) + sig[32:], "r = n is outside [1, n-1] (§7.1 B1)"),
        ("s_equals_n", pa, m, sig[:32] + i2b(N), "s = n is outside [1, n-1] (§7.1 B2)"),
        ("s_all_ones", pa, m, sig[:32] + b"\xff" * 32, "s = 2^256 - 1 >= n"),
        ("r_plus_s_is_n", pa, m, sig[:32] + i2b(N - r), "t = (r + s) mod n = 0 is refused (§7.1 B5)"),
        ("wrong_id", pa, m, sign(da, m, "bad-id", uid=other_id),
         "a valid signature under the id \"ALICE123@YAHOO.COM\", checked with the default id"),
        ("no_z_value", pa, m, sign_digest(da, e_without_z, nonce("bad-noz")),
         "signed over e = SM3(M) without Z_A: what an implementation that forgets the id computes"),
        ("empty_id", pa, m, sign(da, m, "bad-emptyid", uid=b""),
         "signed with an empty id, which is OpenSSL 3.0's default when none is set"),
        ("signature_63_bytes", pa, m, sig[:63], "too short"),
        ("signature_65_bytes", pa, m, sig + b"\x00", "too long"),
        ("signature_empty", pa, m, b"", "empty"),
        ("signature_der_instead_of_raw", pa, m, der_signature(sig), "the DER form where r || s is expected"),
    ]
    assert verify_raw(pa, m, sig)
    assert (r + (N - r)) % N == 0
    bad_out = []
    for name, pub, msg, bsig, why in bad:
        assert not verify_raw(pub, msg, bsig), name
        entry = {"name": name, "public_key": pub.hex(), "message_hex": msg.hex(), "signature": bsig.hex(), "why": why}
        if len(bsig) == 64:
            assert not ssl.verifies(pub, msg, der_signature(bsig)), name
            entry["openssl"] = "refused by openssl pkeyutl -verify"
        bad_out.append(entry)
    wrong_id_sig = bytes.fromhex(bad_out[[b["name"] for b in bad_out].index("wrong_id")]["signature"])
    assert verify_raw(pa, m, wrong_id_sig, uid=other_id)
    assert ssl.verifies(pa, m, der_signature(wrong_id_sig), uid=other_id)
    no_z = bytes.fromhex(bad_out[[b["name"] for b in bad_out].index("no_z_value")]["signature"])
    assert verify_raw(pa, m, no_z, e=e_without_z)
    empty_id_sig = bytes.fromhex(bad_out[[b["name"] for b in bad_out].index("empty_id")]["signature"])
    assert verify_raw(pa, m, empty_id_sig, uid=b"")

    # ---- keys that must be refused -------------------------------------------
    x, y = int.from_bytes(pa[1:33], "big"), int.from_bytes(pa[33:], "big")
    invalid_public = [
        ("compressed_form", bytes([2 + (y & 1)]) + pa[1:33], "only the uncompressed form 04 || x || y is accepted"),
        ("hybrid_prefix_06", bytes([6 + (y & 1)]) + pa[1:], "the hybrid form is not accepted"),
        ("prefix_05", b"\x05" + pa[1:], "not a point encoding"),
        ("64_bytes_without_prefix", pa[1:], "x || y without the 04"),
        ("66_bytes", pa + b"\x00", "too long"),
        ("point_at_infinity", b"\x00", "the point at infinity is not a public key"),
        ("all_zero_point", b"\x04" + bytes(64), "(0, 0) is not on the curve"),
        ("y_plus_one", b"\x04" + pa[1:33] + i2b((y + 1) % P), "not on the curve"),
        ("x_equals_p", b"\x04" + i2b(P) + pa[33:], "x = p is not a field element"),
        ("y_plus_p", b"\x04" + pa[1:33] + i2b(y + P), "y + p: the right y modulo p, but not reduced")
        if y + P < 2**256 else ("y_equals_p", b"\x04" + pa[1:33] + i2b(P), "y = p is not a field element"),
    ]
    invalid_public_out = []
    for name, data, why in invalid_public:
        assert not (len(data) == 65 and data[0] == 4 and on_curve(int.from_bytes(data[1:33], "big"),
                                                                     int.from_bytes(data[33:], "big"))), name
        entry = {"name": name, "public_key": data.hex(), "why": why}
        if len(data) == 65 and data[0] == 4:
            assert not ssl.accepts_public_key(data), name
            entry["openssl"] = "refused by openssl pkey"
        invalid_public_out.append(entry)
    assert ssl.accepts_public_key(pa)
    invalid_private = [
        ("zero", i2b(0), "d = 0"),
        ("n_minus_1", i2b(N - 1), "d = n - 1: 1 + d has no inverse mod n (GB/T 32918.1 §6.1 needs d <= n - 2)"),
        ("n", i2b(N), "d = n"),
        ("all_ones", b"\xff" * 32, "d = 2^256 - 1 > n"),
        ("31_bytes", i2b(da)[1:], "too short"),
        ("33_bytes", b"\x00" + i2b(da), "too long, even with a leading zero"),
    ]
    edge_private = []
    for label, d in [("one", 1), ("n_minus_2", N - 2)]:
        pub = public_key(d)
        assert ssl.public_key(d) == pub
        edge_private.append({"name": label, "private_key": i2b(d).hex(), "public_key": pub.hex()})

    # ---- DER that must be refused, and DER <-> raw -----------------------------
    rb, sb = der_integer(r), der_integer(s)
    rbody, sbody = rb[2:], sb[2:]
    malformed_der = [
        ("empty", b"", "no bytes"),
        ("trailing_byte", der_signature(sig) + b"\x00", "a byte after the SEQUENCE"),
        ("long_form_sequence_length", b"\x30\x81" + bytes([len(rb) + len(sb)]) + rb + sb,
         "length 0x81 nn where one byte would do: BER, not DER"),
        ("r_with_extra_leading_zero", tlv(0x30, tlv(0x02, b"\x00" + rbody) + sb), "INTEGER padded with a needless 00"),
        ("r_negative", tlv(0x30, tlv(0x02, b"\xff" + rbody.lstrip(b"\x00")) + sb), "r's INTEGER is negative"),
        ("indefinite_length", b"\x30\x80" + rb + sb + b"\x00\x00", "BER indefinite length"),
        ("three_integers", tlv(0x30, rb + sb + der_integer(1)), "a third INTEGER"),
        ("set_instead_of_sequence", b"\x31" + der_signature(sig)[1:], "tag 0x31 (SET), not 0x30"),
        ("r_zero", tlv(0x30, der_integer(0) + sb), "well-formed DER, but r = 0"),
        ("s_equals_n", tlv(0x30, rb + der_integer(N)), "well-formed DER, but s = n"),
        ("r_has_257_bits", tlv(0x30, der_integer(2**256 + r) + sb), "r does not fit 32 bytes"),
    ]
    der_pairs = [{"name": g["name"], "signature": g["signature"], "signature_der": g["signature_der"]} for g in good]
    return {
        "source": "SM2 signatures (GB/T 32918.2-2016 §6.1 and §7.1) on the recommended curve (GB/T 32918.5-2017), "
        "hash SM3, distinguishing id \"1234567812345678\" (GM/T 0009-2012 default; ENTL = 0x0080). Signatures are "
        "r || s, 64 bytes. Made by generate_sm.py with gmssl's curve arithmetic and fixed nonces; every signature "
        "and every negative case with a DER form was also put to openssl pkeyutl -verify, which agreed.",
        "curve": dict(RECOMMENDED, name="SM2 recommended curve (GB/T 32918.5-2017)", oid="1.2.156.10197.1.301",
                      signature_oid="1.2.156.10197.1.501 (SM2-with-SM3)"),
        "default_id_utf8": DEFAULT_ID.decode(),
        "published_example": example,
        "keys": [{"name": k, "derivation": "SM3(\"jiazhou sm2 test key %s\") mod (n - 2) + 1" % k,
                  "private_key": i2b(keys[k][0]).hex(), "public_key": keys[k][1].hex()} for k in ["A", "B"]]
        + [dict(e, derivation="edge of the range 1 <= d <= n - 2") for e in edge_private],
        "signatures_that_verify": good,
        "signatures_that_must_not_verify": bad_out,
        "invalid_public_keys": invalid_public_out,
        "invalid_private_keys": [{"name": n, "private_key": d.hex(), "why": w} for n, d, w in invalid_private],
        "der_pairs": der_pairs,
        "malformed_der": [{"name": n, "der": d.hex(), "why": w} for n, d, w in malformed_der],
    }, keys


# ---------------------------------------------------------------------------
# A signed note with an SM2 signature (Ledger/SPEC.md, "Hash suites")
# ---------------------------------------------------------------------------

SIGNATURE_TYPE = b"\xff" + OID_SM2_WITH_SM3  # 0xff, then the DER of 1.2.156.10197.1.501
ORIGIN = "jiazhou.example/shizhong"


def sm2_key_id(name, public65):
    return hashlib.sha256(name.encode() + b"\n" + SIGNATURE_TYPE + public65).digest()[:4]


def sm2_verifier_key(name, public65):
    return "%s+%s+%s" % (name, sm2_key_id(name, public65).hex(), base64.b64encode(SIGNATURE_TYPE + public65).decode())


def sm2_parse_verifier_key(vkey):
    name, kid, key = vkey.split("+", 2)
    raw = base64.b64decode(key, validate=True)
    assert raw[:len(SIGNATURE_TYPE)] == SIGNATURE_TYPE and len(raw) == len(SIGNATURE_TYPE) + 65
    pub = raw[len(SIGNATURE_TYPE):]
    assert sm2_key_id(name, pub).hex() == kid
    return name, bytes.fromhex(kid), pub


def open_sm2_note(note, vkeys):
    """c2sp.org/signed-note verification with SM2 keys: unknown keys are
    ignored, a failing known key rejects, at least one known key must verify.
    Returns the text, or None."""
    if not note.endswith("\n") or "\n\n" not in note:
        return None
    split = note.rindex("\n\n")
    text, lines = note[:split + 1], note[split + 2:].split("\n")[:-1]
    known = {(n, k): pub for n, k, pub in map(sm2_parse_verifier_key, vkeys)}
    verified = 0
    for line in lines:
        if not line.startswith(generate.EM_DASH_SPACE):
            return None
        name, blob = line[2:].split(" ")
        raw = base64.b64decode(blob, validate=True)
        pub = known.get((name, raw[:4]))
        if pub is None:
            continue
        if not verify_raw(pub, text.encode(), raw[4:]):
            return None
        verified += 1
    return text if verified else None


def build_note(ssl, keys, merkle):
    (da, pa), (db, pb) = keys["A"], keys["B"]
    root = merkle["roots"][8]
    body = "%s\n%d\n%s\n" % (ORIGIN, 8, root["root_base64"])
    vkey = sm2_verifier_key(ORIGIN, pa)
    kid = sm2_key_id(ORIGIN, pa)
    sig = sign(da, body.encode(), "note")
    assert ssl.verifies(pa, body.encode(), der_signature(sig))

    def line(name, raw):
        return generate.EM_DASH_SPACE + name + " " + base64.b64encode(raw).decode() + "\n"

    note = body + "\n" + line(ORIGIN, kid + sig)
    assert open_sm2_note(note, [vkey]) == body
    body7 = "%s\n%d\n%s\n" % (ORIGIN, 7, merkle["roots"][7]["root_base64"])
    ed_line = generate.signature_line(generate.ORIGIN, generate.SEED, body)
    negatives = [
        ("signature_over_different_text", body7 + "\n" + line(ORIGIN, kid + sig), "the size-8 signature under the size-7 body"),
        ("tampered_root", body.replace(root["root_base64"][:4], "AAAA", 1) + "\n" + line(ORIGIN, kid + sig),
         "the root changed after signing"),
        ("wrong_key_id", body + "\n" + line(ORIGIN, flip(kid, 3) + sig), "unknown key: ignored, so nothing verifies"),
        ("signed_by_key_b_with_key_a_name_and_id", body + "\n" + line(ORIGIN, kid + sign(db, body.encode(), "note-b")),
         "name and key id of key A, signature by key B"),
        ("signature_in_der_form", body + "\n" + line(ORIGIN, kid + der_signature(sig)), "DER where r || s is expected"),
        ("signature_63_bytes", body + "\n" + line(ORIGIN, kid + sig[:63]), "a byte short"),
        ("signed_with_empty_id", body + "\n" + line(ORIGIN, kid + sign(da, body.encode(), "note-emptyid", uid=b"")),
         "signed with an empty distinguishing id"),
        ("only_an_ed25519_signature_by_the_same_name", body + "\n" + ed_line,
         "an Ed25519 line (type 0x01 key id) under the same name: an unknown key for this verifier"),
    ]
    for name, n, why in negatives:
        assert open_sm2_note(n, [vkey]) is None, name
    return {
        "source": "A c2sp.org/tlog-checkpoint in a c2sp.org/signed-note, signed with SM2 as proposed in "
        "Ledger/SPEC.md \"Hash suites\": signature type = 0xff followed by the DER encoding of the SM2-with-SM3 "
        "OID 1.2.156.10197.1.501 (ff 06 08 2a 81 1c cf 55 01 83 75); key id = SHA-256(name || 0x0a || type || "
        "65-byte public key)[:4]; the signature is r || s (64 bytes) over the note text with the default id. The "
        "root is sm3_merkle's root of size 8. SM2 is randomised: the note is a fixed answer only because the "
        "generator fixes k; a verifier re-signing it gets different, equally valid bytes.",
        "key": {
            "name": ORIGIN,
            "private_key": i2b(da).hex(),
            "public_key": pa.hex(),
            "signature_type_hex": SIGNATURE_TYPE.hex(),
            "key_id_preimage_hex": (ORIGIN.encode() + b"\n" + SIGNATURE_TYPE + pa).hex(),
            "key_id": kid.hex(),
            "verifier_key": vkey,
        },
        "checkpoint": {"origin": ORIGIN, "tree_size": 8, "root_hash": root["root"], "body": body,
                       "signature": sig.hex(), "note": note},
        "notes_that_must_not_verify": [{"name": n, "note": t, "why": w} for n, t, w in negatives],
        "malformed_verifier_keys": [
            {"name": "ed25519_type_byte", "verifier_key": "%s+%s+%s" % (ORIGIN, kid.hex(), base64.b64encode(b"\x01" + pa).decode()),
             "why": "type 0x01 is Ed25519"},
            {"name": "key_id_mismatch", "verifier_key": "%s+%s+%s" % (ORIGIN, flip(kid, 0).hex(), vkey.split("+", 2)[2]),
             "why": "the key id does not match name and key"},
            {"name": "point_not_on_curve", "verifier_key": sm2_verifier_key(ORIGIN, pa[:-1] + bytes([pa[-1] ^ 1])),
             "why": "consistent key id, but the point is not on the curve"},
            {"name": "compressed_point", "verifier_key": "%s+%s+%s" % (
                ORIGIN, hashlib.sha256(ORIGIN.encode() + b"\n" + SIGNATURE_TYPE + b"\x02" + pa[1:33]).digest()[:4].hex(),
                base64.b64encode(SIGNATURE_TYPE + b"\x02" + pa[1:33]).decode()), "why": "only 04 || x || y"},
            {"name": "name_with_space", "verifier_key": sm2_verifier_key("jiazhou example", pa), "why": "key names have no spaces"},
            {"name": "two_parts", "verifier_key": ORIGIN + "+" + kid.hex(), "why": "no key"},
        ],
    }


def build_sm3_chain(ssl, keys):
    """chain.json's entries as an sm3-sm2 ledger writes them (SPEC.md §14):
    genesis names the suite and key A's SM2 verifier key; leaf hash =
    SM3(0x00 || canonical), prev = the previous leaf hash; the checkpoint of
    size 8 is signed with key A (fixed k)."""
    da, pa = keys["A"]
    vkey = sm2_verifier_key(ORIGIN, pa)
    assert ORIGIN == generate.ORIGIN
    specs = generate.entry_specs(vkey)
    time, kind, actor, key, postings, data = specs[0]
    assert kind == "genesis" and data["suite"] == "sha256-ed25519"
    specs[0] = (time, kind, actor, key, postings, dict(data, suite="sm3-sm2"))

    entries, hashes = [], []
    prev = generate.ZERO_HASH
    for seq, (time, kind, actor, key, postings, data) in enumerate(specs):
        e = {"v": 1, "seq": seq, "prev": prev, "time": time, "kind": kind, "actor": actor}
        if key is not None:
            e["key"] = key
        e["postings"] = postings
        e["data"] = data
        cb = generate.canonical_bytes(e)
        assert generate.canonical_bytes(generate.parse(cb.decode("utf-8"))) == cb
        h = sm3(b"\x00" + cb)
        entries.append({"entry": e, "canonical": cb.decode("utf-8"), "leaf_hash": h.hex()})
        hashes.append(h)
        prev = h.hex()
    with tree_hash(sm3):
        roots = []
        for n in range(1, len(hashes) + 1):
            r = generate.mth(hashes[:n])
            assert r == generate.mth_iterative(hashes[:n])
            roots.append({"size": n, "root": r.hex(), "root_base64": base64.b64encode(r).decode("ascii")})
    # Not the SHA-256 chain: every hash differs from chain.json's.
    with tree_hash(generate.sha256):
        assert generate.leaf_hash(generate.canonical_bytes(entries[0]["entry"])).hex() != entries[0]["leaf_hash"]

    root = roots[-1]
    body = "%s\n%d\n%s\n" % (ORIGIN, len(entries), root["root_base64"])
    sig = sign(da, body.encode(), "chain-note")
    assert ssl.verifies(pa, body.encode(), der_signature(sig))
    note = body + "\n" + generate.EM_DASH_SPACE + ORIGIN + " " + base64.b64encode(sm2_key_id(ORIGIN, pa) + sig).decode() + "\n"
    assert open_sm2_note(note, [vkey]) == body
    return {
        "source": "chain.json's eight entries as an sm3-sm2 ledger writes them (Ledger/SPEC.md §14): the genesis "
        "data names suite sm3-sm2 and sm2_note's key as verifier_key; canonical = RFC 8785 bytes of entry; "
        "leaf_hash = SM3(0x00 || canonical); prev of entry seq = leaf_hash of entry seq-1 (64 zeros for seq 0); "
        "roots[k] = RFC 9162 MTH with SM3 over the first size leaf hashes. The checkpoint signs the root of size "
        "8 with SM2 (sm2_note's key and signature type; k fixed by the generator).",
        "origin": ORIGIN,
        "suite": "sm3-sm2",
        "verifier_key": vkey,
        "entries": entries,
        "roots": roots,
        "checkpoint": {"origin": ORIGIN, "tree_size": len(entries), "root_hash": root["root"], "body": body,
                       "signature": sig.hex(), "note": note},
    }


def main():
    ssl = OpenSSL()
    sm3_cases = build_sm3()
    merkle = build_sm3_merkle()
    sm2, keys = build_sm2(ssl)
    note = build_note(ssl, keys, merkle)
    chain = build_sm3_chain(ssl, keys)
    out = {
        "source": "Known answers for the sm3-sm2 hash suite, written by Ledger/vectors/generate_sm.py "
        "(see its docstring and README.md). Hex is lowercase; byte strings are given as hex.",
        "sm3": sm3_cases,
        "sm3_merkle": merkle,
        "sm2": sm2,
        "sm2_note": note,
        "sm3_chain": chain,
    }
    path = generate.write_json("sm.json", out)
    with open(path, "rb") as f:
        print("%s  %s" % (hashlib.sha256(f.read()).hexdigest(), os.path.relpath(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
