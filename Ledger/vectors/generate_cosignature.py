#!/usr/bin/env python3
"""Known answers for c2sp.org/tlog-cosignature/v1 (Ed25519, type 0x04).

Computed independently of the Swift code with the `cryptography` package's
Ed25519, from the spec's text: key id = SHA-256(name || "\\n" || 0x04 ||
public key)[:4]; message = "cosignature/v1\\ntime <t>\\n" || checkpoint body;
signature line blob = key id || big-endian u64 timestamp || signature.
The checkpoint is checkpoint.json's, signed by its log key; Ed25519 is
deterministic, so every value is a fixed known answer.

    python3 Ledger/vectors/generate_cosignature.py          # rewrite cosignature.json
    python3 Ledger/vectors/generate_cosignature.py --check  # compare, write nothing
"""
import base64, hashlib, json, os, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def witness(label, name):
    seed = hashlib.sha256(label.encode()).digest()
    key = Ed25519PrivateKey.from_private_bytes(seed)
    public = key.public_key().public_bytes(*RAW)
    key_id = hashlib.sha256(name.encode() + b"\n" + b"\x04" + public).digest()[:4]
    vkey = base64.b64encode(b"\x04" + public).decode()
    skey = base64.b64encode(b"\x04" + seed).decode()
    return {
        "seed_derivation": f'SHA-256("{label}")',
        "seed": seed.hex(),
        "public_key": public.hex(),
        "name": name,
        "key_id": key_id.hex(),
        "verifier_key": f"{name}+{key_id.hex()}+{vkey}",
        "signer_key": f"PRIVATE+KEY+{name}+{key_id.hex()}+{skey}",
    }, key, key_id


def cosign(key, key_id, name, body, timestamp):
    message = f"cosignature/v1\ntime {timestamp}\n{body}"
    signature = key.sign(message.encode())
    blob = key_id + timestamp.to_bytes(8, "big") + signature
    line = f"\u2014 {name} {base64.b64encode(blob).decode()}\n"
    return message, signature, line


def build():
    with open(os.path.join(HERE, "checkpoint.json"), encoding="utf-8") as f:
        checkpoint = json.load(f)["checkpoint"]
    body, note = checkpoint["body"], checkpoint["note"]
    w1, k1, id1 = witness("jiazhou test witness 1", "witness.example/w1")
    w2, k2, id2 = witness("jiazhou test witness 2", "witness.example/w2")
    t1, t2 = 1679315147, 1796000000
    m1, s1, l1 = cosign(k1, id1, w1["name"], body, t1)
    _, _, l2 = cosign(k2, id2, w2["name"], body, t2)
    # Independent check of what was just made: the public key verifies it.
    Ed25519PublicKey.from_public_bytes(bytes.fromhex(w1["public_key"])).verify(s1, m1.encode())
    # Tampered: the same signature under another timestamp (one second later).
    blob = base64.b64decode(l1.split(" ")[2])
    bad_time = blob[:4] + (t1 + 1).to_bytes(8, "big") + blob[12:]
    return {
        "source": "c2sp.org/tlog-cosignature (Ed25519 cosignature/v1, signature type 0x04) over checkpoint.json's checkpoint; computed by generate_cosignature.py with the cryptography package's Ed25519.",
        "witnesses": [w1, w2],
        "checkpoint": {"body": body, "note": note, "log_verifier_key": json.load(open(os.path.join(HERE, "checkpoint.json"), encoding="utf-8"))["key"]["verifier_key"]},
        "cosignatures": [
            {"witness": 0, "timestamp": t1, "message": m1, "signature": s1.hex(), "line": l1},
            {"witness": 1, "timestamp": t2, "line": l2},
        ],
        "cosigned_note": note + l1 + l2,
        "rejects": [
            {"name": "timestamp changed", "witness": 0, "line": f"\u2014 {w1['name']} {base64.b64encode(bad_time).decode()}\n"},
            {"name": "another body", "witness": 0, "body": body.replace("\n8\n", "\n9\n"), "line": l1},
            {"name": "short blob", "witness": 0, "line": f"\u2014 {w1['name']} {base64.b64encode(blob[:-1]).decode()}\n"},
        ],
    }


def main():
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    path = os.path.join(HERE, "cosignature.json")
    if sys.argv[1:] == ["--check"]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("cosignature.json differs from what generate_cosignature.py computes")
        print("cosignature.json: ok")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(hashlib.sha256(text.encode()).hexdigest(), "cosignature.json")


if __name__ == "__main__":
    main()
