// The system's libcrypto (OpenSSL 3), for the national suite only: SM3
// through EVP digests; SM2 key generation, import and export, signing and
// verification through EVP_PKEY with a distinguishing id; the ECDSA_SIG
// DER codec; the error queue. Nothing from libssl.
//
// The headers are included whole (re-declaring OpenSSL's prototypes here
// would drift from the installed version); Swift code uses only the calls
// listed above. Macros that Swift cannot import are wrapped below.
#ifndef CJIAZHOU_OPENSSL_SHIM_H
#define CJIAZHOU_OPENSSL_SHIM_H

#include <openssl/opensslv.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "JiazhouNationalCrypto needs OpenSSL 3 (libssl-dev 3.x)"
#endif

/// Parameter names and the curve name as C strings with static storage.
///
/// Swift imports OSSL_PKEY_PARAM_* as `String` constants, and a Swift string
/// passed to C lives only for that one call; but an OSSL_PARAM_BLD keeps the
/// pointer to each parameter's *name* (OSSL_PARAM_BLD_to_param copies the
/// values, not the names), so the names must outlive the parameter array.
static inline const char *jiazhou_param_group_name(void) { return OSSL_PKEY_PARAM_GROUP_NAME; }
static inline const char *jiazhou_param_public_key(void) { return OSSL_PKEY_PARAM_PUB_KEY; }
static inline const char *jiazhou_param_private_key(void) { return OSSL_PKEY_PARAM_PRIV_KEY; }
static inline const char *jiazhou_sm2_curve_name(void) { return SN_sm2; }

/// EVP_PKEY_KEYPAIR: a selection built from other macros with `|`.
static inline int jiazhou_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }

/// EVP_PKEY_PUBLIC_KEY: likewise.
static inline int jiazhou_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

#endif
